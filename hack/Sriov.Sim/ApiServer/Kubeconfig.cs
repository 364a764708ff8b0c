namespace Sriov.Sim.ApiServer;

/// <summary>
/// Writes a kubeconfig pointing at the emulator: one cluster, one user, one context. The user carries a placeholder
/// token: the emulator ignores authentication, but KubernetesClient refuses a user without any credentials.
/// </summary>
internal static class Kubeconfig
{
    public const string Name = "sriov-sim";

    public static void Write(string path, Uri server, string defaultNamespace = "default")
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        // Written to a temporary file and renamed, so a reader never sees half a kubeconfig.
        var temp = path + ".tmp";
        File.WriteAllText(temp, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {Name}
              cluster:
                server: {server.GetLeftPart(UriPartial.Authority)}
            users:
            - name: {Name}
              user:
                token: sriov-sim
            contexts:
            - name: {Name}
              context:
                cluster: {Name}
                user: {Name}
                namespace: {defaultNamespace}
            current-context: {Name}
            preferences: {"{}"}

            """);
        File.Move(temp, path, overwrite: true);
    }
}
