# Writes a StreamJobs configuration file (STREAMJOBS_CONFIG_FILE format: KEY=VALUE lines, see
# config/streamjobs.env.example). Source common.sh first; this file defines functions only.

# sj_write_config_file FILE HEADER KEY=VALUE...: replaces FILE (mode 0600: it may hold secrets) with
# HEADER as `#` comment lines, then one KEY=VALUE line per argument. Values must not hold a newline.
sj_write_config_file() {
  local file="$1" header="$2" tmp line
  shift 2
  tmp="$(umask 077 && mktemp "$file.XXXXXX")"
  {
    while IFS= read -r line; do printf '# %s\n' "$line"; done <<<"$header"
    for line in "$@"; do
      case "$line" in *$'\n'*) rm -f "$tmp"; sj_die "config value for ${line%%=*} holds a newline" ;; esac
      printf '%s\n' "$line"
    done
  } > "$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$file"
}
