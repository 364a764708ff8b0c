using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

/// <summary>hack/realkernel/steplib.bash, run by the host's bash on ordinary files.</summary>
public sealed class StepLibraryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rk-steplib-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("bash: echo: write error: Device or resource busy", "EBUSY")]
    [InlineData("write error: Numerical result out of range", "ERANGE")]
    [InlineData("RTNETLINK answers: Operation not supported", "EOPNOTSUPP")]
    [InlineData("RTNETLINK answers: Protocol not supported", "EPROTONOSUPPORT")]
    [InlineData("RTNETLINK answers: Invalid argument", "EINVAL")]
    [InlineData("No such device or address", "ENXIO")]
    [InlineData("No such device", "ENODEV")]
    [InlineData("Cannot assign requested address", "EADDRNOTAVAIL")]
    [InlineData("something else", "E?(something else)")]
    public void Rk_errno_names_the_errno_of_a_strerror_text(string message, string errno)
    {
        Assert.Equal(errno + "\n", Bash($"rk_errno {GuestShare.Quote(message)}"));
    }

    [Fact]
    public void Rk_write_writes_the_value_with_a_newline_and_reports_ok()
    {
        var file = Path.Combine(_dir, "f");
        File.WriteAllText(file, "");

        Assert.Equal("k=ok\n", Bash($"rk_write k {file} 2"));
        Assert.Equal("2\n", File.ReadAllText(file));
    }

    [Fact]
    public void Rk_write_reports_the_errno_of_a_failed_write()
    {
        Assert.Equal("k=ENOENT\n", Bash($"rk_write k {_dir}/no/such/file 2"));
    }

    [Fact]
    public void Rk_read_prints_the_first_line_or_the_errno()
    {
        File.WriteAllText(Path.Combine(_dir, "f"), "first\nsecond\n");
        File.WriteAllText(Path.Combine(_dir, "nonl"), "x");
        File.WriteAllText(Path.Combine(_dir, "empty"), "");

        Assert.Equal("a=first\nb=x\nc=\nd=ENOENT\n", Bash($"rk_read a {_dir}/f; rk_read b {_dir}/nonl; rk_read c {_dir}/empty; rk_read d {_dir}/none"));
    }

    [Fact]
    public void Rk_try_reports_ok_or_the_errno_of_the_last_error_line()
    {
        var output = Bash("""
            rk_try good true
            rk_try bad sh -c 'echo first >&2; echo "RTNETLINK answers: Invalid argument" >&2; exit 2'
            """);

        Assert.Equal("good=ok\nbad=EINVAL\n", output);
    }

    [Fact]
    public void Rk_link_and_rk_target_give_the_last_component_of_a_symlink_target()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "drivers", "igbvf"));
        File.CreateSymbolicLink(Path.Combine(_dir, "driver"), "drivers/igbvf");

        Assert.Equal("driver=igbvf\nnone=\n", Bash($"rk_link driver {_dir}/driver; rk_link none {_dir}/missing"));
    }

    [Fact]
    public void Rk_count_and_rk_exists_report_what_is_there()
    {
        File.WriteAllText(Path.Combine(_dir, "virtfn0"), "");
        File.WriteAllText(Path.Combine(_dir, "virtfn1"), "");

        Assert.Equal("n=2\nz=0\ny=yes\nm=no\n", Bash($"rk_count n '{_dir}/virtfn*'; rk_count z '{_dir}/none*'; rk_exists y {_dir}/virtfn0; rk_exists m {_dir}/virtfn2"));
    }

    [Fact]
    public void Rk_wait_polls_until_the_command_succeeds_and_gives_up_after_its_bound()
    {
        var flag = Path.Combine(_dir, "flag");
        var output = Bash($$"""
            ( rk_sleep 0.3; : >{{flag}} ) &
            rk_wait 5 test -e {{flag}} && echo appeared=yes
            start=$(rk_ms)
            rk_wait 1 false || echo gave_up_ms=$(( $(rk_ms) - start ))
            """);

        Assert.Contains("appeared=yes\n", output, StringComparison.Ordinal);
        var gaveUp = int.Parse(output.Split("gave_up_ms=")[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(gaveUp, 900, 5000);
    }

    private static string Bash(string script)
    {
        var library = Path.Combine(RealKernelPaths.Discover().ScriptsDirectory, GuestShare.StepLibrary);
        return HostBash.Run($"source {GuestShare.Quote(library)}\n{script}", new Dictionary<string, string> { ["RK_PF_PCI"] = "0000:01:00.0" });
    }
}
