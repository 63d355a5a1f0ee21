#!/usr/bin/env bash
# Times Wallpress against Hugo on a synthetic sub-district, as the product targets ask.
#
#   scripts/bench.sh [--communities 88] [--groups 60] [--runs 5] [--seed 1]
#                    [--image-communities 2] [--image-groups 5] [--no-images]
#                    [--full-runs 1] [--no-disk] [--no-tmpfs]
#
# For each place (tmpfs: /dev/shm, what the CPU costs; disk: the repository's
# .scratch/ folder, what users feel) it writes the synthetic site with
# `go run ./generator/cmd/synth`, then times, with /usr/bin/time for the
# peak memory:
#   website cold   `synth website`: the website alone (build.Run into public/
#                  without posters, as serve builds it; Hugo makes no posters
#                  either), no public/ and no image cache (source files are in
#                  the page cache)
#   build cold     the whole `wallpress build`: website and posters (HTML;
#                  the synthetic config has posters.pdf: never), --full-runs
#                  times
#   nothing changed  `wallpress build` again
#   one file       serve's rebuild after one record changed (`synth update`:
#                  a build.Session, as serve uses, timed in process; no
#                  peak memory)
# and Hugo on the same markdown (layouts in bench/hugo/): cold, again with
# nothing changed, and after the same one-file edit (a whole Hugo build).
# It prints median, min–max and peak RSS of each, and the ratios. Finally
# the image pipeline: a small site with 4000×3000 photos, cold and warm.
#
# Needs Go and Hugo (`apt-get install -y hugo`); fails when Hugo is missing.
set -euo pipefail

communities=88 groups=60 runs=5 seed=1 full_runs=1
img_communities=2 img_groups=5
do_images=1 do_disk=1 do_tmpfs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --communities) communities=$2; shift 2 ;;
    --groups) groups=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --full-runs) full_runs=$2; shift 2 ;;
    --image-communities) img_communities=$2; shift 2 ;;
    --image-groups) img_groups=$2; shift 2 ;;
    --no-images) do_images=0; shift ;;
    --no-disk) do_disk=0; shift ;;
    --no-tmpfs) do_tmpfs=0; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "bench: FAILED: $*" >&2; exit 1; }
[ "$full_runs" -ge 1 ] || fail "--full-runs must be at least 1: the nothing-changed build needs a build before it"

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
command -v go >/dev/null || fail "go is not installed"
command -v hugo >/dev/null || fail "hugo is not installed: the comparison needs it. Install it with: apt-get install -y hugo"
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing (for peak memory). Install it with: apt-get install -y time"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/wallpress" ./generator
go build -o "$bin/synth" ./generator/cmd/synth

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# measure RESULTVAR PREP CMD...: runs PREP then CMD $runs times; stores
# "median min max peakMB cpu" in RESULTVAR: wall seconds, peak RSS, and
# the median CPU seconds (user + system), which other work on a shared
# machine disturbs much less than the wall time.
measure() {
  local var=$1 prep=$2; shift 2
  local times=() cpus=() mem=0 t m u s
  for _ in $(seq "$runs"); do
    eval "$prep"
    if ! /usr/bin/time -f '%e %M %U %S' -o "$bin/time" "$@" >"$bin/out" 2>&1; then
      cat "$bin/out" >&2
      fail "$* exited with an error"
    fi
    read -r t m u s <"$bin/time"
    times+=("$t")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
    [ "$m" -gt "$mem" ] && mem=$m
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  printf -v "$var" '%s %s %s %d %s' \
    "$(printf '%s\n' "${times[@]}" | median)" \
    "$(echo "$sorted" | awk 'NR == 1')" "$(echo "$sorted" | tail -n 1)" "$((mem / 1024))" \
    "$(printf '%s\n' "${cpus[@]}" | median)"
}

row() { # label "median min max mem cpu"
  local label=$1; set -- $2
  printf '| %s | %s s | %s–%s s | %s s | %s MB |\n' "$label" "$1" "$2" "$3" "$5" "$4"
}

cpu() { set -- $1; echo "$5"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

edit_one() { # change one record's bytes, differently each time
  local f=$1
  printf '\n补记：%s\n' "$RANDOM$RANDOM" >>"$f"
}

echo "# Wallpress vs Hugo: synthetic sub-district ${communities}×${groups}, seed ${seed}, ${runs} runs each"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(go version | cut -d' ' -f3), $(hugo version | cut -d' ' -f1-2)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

places=()
[ "$do_tmpfs" = 1 ] && { [ -d /dev/shm ] && places+=("tmpfs:/dev/shm/wallpress-bench") || echo "# no /dev/shm: tmpfs runs skipped"; }
[ "$do_disk" = 1 ] && places+=("disk:$repo/.scratch/bench")

summary=()
for place in "${places[@]}"; do
  kind=${place%%:*} dir=${place#*:}
  rm -rf "$dir"
  mkdir -p "$dir"
  "$bin/synth" --out "$dir/site" --communities "$communities" --groups "$groups" --seed "$seed" --images none >/dev/null
  site="$dir/site"
  files=$(find "$site/content" -name '*.md' | wc -l)
  # The first neighbourhood's first group's story (no `| head`: with
  # pipefail, the SIGPIPE it causes would end the script).
  one=$(find "$site/content" -name 'corridor-2024.md' | sort | awk 'NR == 1')

  mkdir -p "$dir/hugo"
  sed "s#@SITE@#$site#g; s#@BENCH@#$repo/bench/hugo#g" bench/hugo/config.toml.in >"$dir/hugo/config.toml"
  hugo_cmd=(hugo --quiet --source "$dir/hugo" --destination "$dir/hugo/public")

  echo
  echo "## $kind ($dir): $files markdown files"
  echo
  echo "| measure | median | min–max | CPU (user+sys) | peak RSS |"
  echo "|---|---|---|---|---|"
  measure wp_cold "rm -rf '$site/public' '$site/print' '$site/.cache'" "$bin/synth" website --root "$site"
  row "Wallpress website, cold" "$wp_cold"
  # What masking residents' names and room numbers costs: the same build
  # with privacy.maskNamesOnline and maskRooms off.
  cp "$site/config.yaml" "$bin/config.yaml"
  printf 'privacy:\n  maskNamesOnline: false\n  maskRooms: false\n' >"$bin/privacy.yaml"
  sed '/^privacy:/,$d' "$bin/config.yaml" | cat - "$bin/privacy.yaml" >"$site/config.yaml"
  measure wp_nomask "rm -rf '$site/public' '$site/print' '$site/.cache'" "$bin/synth" website --root "$site"
  cp "$bin/config.yaml" "$site/config.yaml"
  row "Wallpress website, cold, names and rooms not masked" "$wp_nomask"
  echo "| (masking costs $(awk -v a="$(cpu "$wp_cold")" -v b="$(cpu "$wp_nomask")" 'BEGIN { printf "%+.0f", (a / b - 1) * 100 }') % of the website's CPU) | | | | |"
  pages=$(find "$site/public" -name '*.html' | wc -l)
  # Where a cold website build's time goes, from one more cold run.
  rm -rf "$site/public" "$site/print" "$site/.cache"
  "$bin/synth" website --root "$site" >"$bin/stages" 2>&1
  stages=$(awk '$2 ~ /^([0-9.]+(h|ms|m|s|µs))+$/ {printf "%s %s, ", $1, $2}' "$bin/stages")
  echo "| (stages of one more cold website build: ${stages%, }) | | | | |"
  runs_saved=$runs runs=$full_runs
  measure wp_full "rm -rf '$site/public' '$site/print' '$site/.cache'" "$bin/wallpress" build --quiet --root "$site"
  runs=$runs_saved
  row "Wallpress build (website + poster HTML), cold" "$wp_full"
  measure wp_warm ":" "$bin/wallpress" build --quiet --root "$site"
  row "Wallpress build, nothing changed" "$wp_warm"
  "$bin/synth" update --root "$site" --runs "$runs" >"$bin/update"
  read -r up_med up_min up_max < <(sort -g "$bin/update" | awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.0f %.0f %.0f\n", m*1000, a[1]*1000, a[NR]*1000}')
  echo "| Wallpress serve, one record changed (in process) | ${up_med} ms | ${up_min}–${up_max} ms | | |"
  measure hu_cold "rm -rf '$dir/hugo/public' '$dir/hugo/resources'" "${hugo_cmd[@]}"
  row "Hugo cold build" "$hu_cold"
  hpages=$(find "$dir/hugo/public" -name '*.html' | wc -l)
  measure hu_warm ":" "${hugo_cmd[@]}"
  row "Hugo rebuild, nothing changed" "$hu_warm"
  measure hu_one "edit_one '$one'" "${hugo_cmd[@]}"
  row "Hugo rebuild, one file changed" "$hu_one"
  echo
  echo "Pages: Wallpress $pages HTML files, Hugo $hpages."
  r_cold=$(ratio "${wp_cold%% *}" "${hu_cold%% *}")
  r_full=$(ratio "${wp_full%% *}" "${hu_cold%% *}")
  r_warm=$(ratio "${wp_warm%% *}" "${hu_warm%% *}")
  mem_per_k=$(set -- $wp_full; awk -v m="$4" -v p="$pages" 'BEGIN { printf "%.1f", m / p * 1000 }')
  echo "Ratio Wallpress/Hugo (below 1 is faster than Hugo): website cold ${r_cold}× (CPU $(ratio "$(cpu "$wp_cold")" "$(cpu "$hu_cold")")×), whole build with posters ${r_full}×, nothing changed ${r_warm}×; one record changed: serve ${up_med} ms, Hugo ${hu_one%% *} s."
  echo "Wallpress peak memory per 1,000 pages: ${mem_per_k} MB."
  summary+=("$kind: website cold ${r_cold}× Hugo (${wp_cold%% *} s vs ${hu_cold%% *} s), whole build ${wp_full%% *} s, nothing changed ${wp_warm%% *} s vs ${hu_warm%% *} s, one record in serve ${up_med} ms vs Hugo ${hu_one%% *} s")
  rm -rf "$dir"
done

if [ "$do_images" = 1 ]; then
  dir="$repo/.scratch/bench-images"
  rm -rf "$dir"
  mkdir -p "$dir"
  "$bin/synth" --out "$dir/site" --communities "$img_communities" --groups "$img_groups" --seed "$seed" --images large >/dev/null
  site="$dir/site"
  n=$(find "$site/content" -name '*.jpg' | wc -l)
  mb=$(du -sm "$site/content" | cut -f1)
  echo
  echo "## Image pipeline (disk): ${img_communities}×${img_groups} groups, $n photos of 4000×3000 ($mb MB)"
  echo
  echo "| measure | median | min–max | CPU (user+sys) | peak RSS |"
  echo "|---|---|---|---|---|"
  measure im_cold "rm -rf '$site/public' '$site/print' '$site/.cache'" "$bin/wallpress" build --quiet --root "$site"
  row "cold: every photo decoded, resized, encoded" "$im_cold"
  # public/ and print/ removed, so that the build does everything again
  # (with nothing changed it would write nothing), but from the cache.
  measure im_warm "rm -rf '$site/public' '$site/print'" "$bin/wallpress" build --quiet --root "$site"
  row "warm: photos from the cache (public/ and print/ removed)" "$im_warm"
  rm -rf "$dir"
fi

echo
echo "# Summary"
for s in "${summary[@]}"; do echo "- $s"; done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
