# Shared by the hack/bench/*.sh wrappers (sourced).

# bench_replace_section HEADING FILE: replaces the section of docs/benchmarks.md that starts with the line HEADING
# (e.g. "## Device plugin") up to the next "## " heading with the content of FILE, which starts with HEADING itself.
bench_replace_section() {
  local heading=$1 file=$2
  awk -v heading="$heading" -v section="$file" '
    $0 == heading { while ((getline line < section) > 0) print line; skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip { print }
  ' docs/benchmarks.md >docs/benchmarks.md.new
  mv docs/benchmarks.md.new docs/benchmarks.md
}
