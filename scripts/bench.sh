#!/usr/bin/env bash
# Times Wallpress against Hugo on a synthetic sub-district, as the product targets ask.
#
#   scripts/bench.sh [--communities 88] [--groups 60] [--runs 5] [--seed 1]
#                    [--image-communities 2] [--image-groups 5] [--no-images]
#                    [--no-disk] [--no-tmpfs]
#                    [--no-print] [--print-runs 3] [--print-sheets 24]
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
#                  the synthetic config has posters.pdf: never), with its
#                  stage times (--verbose)
#   nothing changed  `wallpress build` again
#   one file       serve's rebuild after one record changed (`synth update`:
#                  a build.Session, as serve uses, timed in process; no
#                  peak memory)
# and Hugo on the same markdown (layouts in bench/hugo/): cold, again with
# nothing changed, and after the same one-file edit (a whole Hugo build).
# The cold builds (website; website with names not masked; website, and
# whole build, without the search index; whole build; Hugo) take turns run
# by run, so that the machine's load falls on all alike. It prints median,
# min–max, CPU and peak RSS of each, and the ratios. Then the image
# pipeline: a small site with 4000×3000 photos, cold and warm; and printing:
# the demo's convention poster on 1, 2 and 4 tabs, against the floor
# programs of bench/print (needs Chromium): one that photographs the A3
# trim, one that makes Wallpress's phone picture.
#
# Needs Go and Hugo (`apt-get install -y hugo`); fails when Hugo is missing.
set -euo pipefail

communities=88 groups=60 runs=5 seed=1
img_communities=2 img_groups=5
do_images=1 do_disk=1 do_tmpfs=1 do_print=1 print_runs=3 print_sheets=24
while [ $# -gt 0 ]; do
  case "$1" in
    --communities) communities=$2; shift 2 ;;
    --groups) groups=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --image-communities) img_communities=$2; shift 2 ;;
    --image-groups) img_groups=$2; shift 2 ;;
    --no-images) do_images=0; shift ;;
    --no-print) do_print=0; shift ;;
    --print-runs) print_runs=$2; shift 2 ;;
    --print-sheets) print_sheets=$2; shift 2 ;;
    --no-disk) do_disk=0; shift ;;
    --no-tmpfs) do_tmpfs=0; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "bench: FAILED: $*" >&2; exit 1; }

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

# alternate VAR PREP CMD [VAR PREP CMD]...: as measure, for several
# commands (strings, evaluated) that take turns run by run, each run
# starting one command further along, so that no command always runs right
# after the same one (Hugo's 4 GB build slows the next for a while). The whole
# build's --verbose stage times give stage_posters and stage_website
# (medians, seconds).
alternate() {
  local -a vars=() preps=() cmds=() times=() cpus=() mems=()
  local -a posters=() website=()
  while [ $# -gt 0 ]; do vars+=("$1"); preps+=("$2"); cmds+=("$3"); shift 3; done
  local k t m u s i r=0 n=${#vars[@]}
  for k in "${!vars[@]}"; do times[$k]=""; cpus[$k]=""; mems[$k]=0; done
  for _ in $(seq "$runs"); do
    for i in $(seq 0 $((n - 1))); do
      k=$(((i + r) % n))
      eval "${preps[$k]}"
      if ! eval "/usr/bin/time -f '%e %M %U %S' -o '$bin/time' ${cmds[$k]}" >"$bin/out" 2>&1; then
        cat "$bin/out" >&2
        fail "${cmds[$k]} exited with an error"
      fi
      read -r t m u s <"$bin/time"
      times[$k]+="$t "
      cpus[$k]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') "
      [ "$m" -gt "${mems[$k]}" ] && mems[$k]=$m
      if [[ "${cmds[$k]}" == *"build --verbose"* ]]; then
        posters+=("$(awk '$1 == "posters" {print $2}' "$bin/out" | seconds)")
        website+=("$(awk '$1 == "website" {print $2}' "$bin/out" | seconds)")
      fi
    done
    r=$((r + 1))
  done
  for k in "${!vars[@]}"; do
    local sorted
    sorted=$(printf '%s\n' ${times[$k]} | sort -g)
    printf -v "${vars[$k]}" '%s %s %s %d %s' \
      "$(printf '%s\n' ${times[$k]} | median)" \
      "$(echo "$sorted" | awk 'NR == 1')" "$(echo "$sorted" | tail -n 1)" "$((mems[$k] / 1024))" \
      "$(printf '%s\n' ${cpus[$k]} | median)"
  done
  stage_posters=$( ((${#posters[@]})) && printf '%s\n' "${posters[@]}" | median || echo "?")
  stage_website=$( ((${#website[@]})) && printf '%s\n' "${website[@]}" | median || echo "?")
}

# seconds reads a Go duration (1m5.2s, 850ms, 2.1s) and prints seconds.
seconds() {
  awk '{ d = $1; t = 0
    if (match(d, /[0-9.]+h/)) { t += substr(d, RSTART, RLENGTH - 1) * 3600 }
    if (match(d, /[0-9.]+m[^s]/) || match(d, /[0-9.]+m$/)) { t += substr(d, RSTART, RLENGTH - 1) * 60 }
    if (match(d, /[0-9.]+ms/)) { t += substr(d, RSTART, RLENGTH - 2) / 1000 }
    else if (match(d, /[0-9.]+µs/)) { t += 0 }
    else if (match(d, /[0-9.]+s/)) { t += substr(d, RSTART, RLENGTH - 1) }
    printf "%.2f\n", t }'
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
  # The cold builds take turns, run by run (alternate), so that a change
  # in the machine's load falls on all of them alike: the website alone,
  # the website with names and rooms not masked, the website without its
  # search index, the whole build (website and poster HTML), the whole
  # build without search, and Hugo.
  cp -r "$site" "$dir/nomask"
  sed -i '/^privacy:/,$d' "$dir/nomask/config.yaml"
  printf 'privacy:\n  maskNamesOnline: false\n  maskRooms: false\n' >>"$dir/nomask/config.yaml"
  cp -r "$site" "$dir/nosearch"
  rm "$dir/nosearch/themes/default/layouts/search.html"
  clean() { echo "rm -rf '$1/public' '$1/print' '$1/.cache' '$1/.wallpress-'*"; }
  alternate \
    wp_cold "$(clean "$site")" "'$bin/synth' website --root '$site'" \
    wp_nomask "$(clean "$dir/nomask")" "'$bin/synth' website --root '$dir/nomask'" \
    wp_nosearch "$(clean "$dir/nosearch")" "'$bin/synth' website --root '$dir/nosearch'" \
    wp_full "$(clean "$site")" "'$bin/wallpress' build --verbose --root '$site'" \
    wp_full_nosearch "$(clean "$dir/nosearch")" "'$bin/wallpress' build --quiet --root '$dir/nosearch'" \
    hu_cold "rm -rf '$dir/hugo/public' '$dir/hugo/resources'" "${hugo_cmd[*]}"
  row "Wallpress website, cold" "$wp_cold"
  row "Wallpress website, cold, names and rooms not masked" "$wp_nomask"
  row "Wallpress website, cold, no search index" "$wp_nosearch"
  row "Wallpress build (website + poster HTML), cold" "$wp_full"
  row "Wallpress build, cold, no search index" "$wp_full_nosearch"
  row "Hugo cold build" "$hu_cold"
  pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.0f", (a / b - 1) * 100 }'; }
  echo "| (masking costs $(pct "${wp_cold%% *}" "${wp_nomask%% *}") % of the website's time, $(pct "$(cpu "$wp_cold")" "$(cpu "$wp_nomask")") % of its CPU) | | | | |"
  echo "| (search adds $(pct "${wp_cold%% *}" "${wp_nosearch%% *}") % to the website's time, $(pct "${wp_full%% *}" "${wp_full_nosearch%% *}") % to the whole build's time, $(pct "$(cpu "$wp_full")" "$(cpu "$wp_full_nosearch")") % to its CPU) | | | | |"
  echo "| (stages of the whole builds, medians: posters ${stage_posters} s, website ${stage_website} s) | | | | |"
  pages=$(find "$site/public" -name '*.html' | wc -l)
  rm -rf "$dir/nomask" "$dir/nosearch"
  measure wp_warm ":" "$bin/wallpress" build --quiet --root "$site"
  row "Wallpress build, nothing changed" "$wp_warm"
  "$bin/synth" update --root "$site" --runs "$runs" >"$bin/update"
  read -r up_med up_min up_max < <(sort -g "$bin/update" | awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.0f %.0f %.0f\n", m*1000, a[1]*1000, a[NR]*1000}')
  echo "| Wallpress serve, one record changed (in process) | ${up_med} ms | ${up_min}–${up_max} ms | | |"
  hpages=$(find "$dir/hugo/public" -name '*.html' | wc -l)
  "${hugo_cmd[@]}" >/dev/null
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
  echo "Ratio Wallpress/Hugo (below 1 is faster than Hugo): website cold ${r_cold}× (CPU $(ratio "$(cpu "$wp_cold")" "$(cpu "$hu_cold")")×), whole build with posters ${r_full}× (CPU $(ratio "$(cpu "$wp_full")" "$(cpu "$hu_cold")")×), nothing changed ${r_warm}×; one record changed: serve ${up_med} ms, Hugo ${hu_one%% *} s."
  echo "Wallpress peak memory per 1,000 pages: ${mem_per_k} MB."
  summary+=("$kind: website cold ${r_cold}× Hugo (${wp_cold%% *} s vs ${hu_cold%% *} s), whole build ${r_full}× Hugo (${wp_full%% *} s; posters stage ${stage_posters} s, website stage ${stage_website} s), nothing changed ${wp_warm%% *} s vs ${hu_warm%% *} s, one record in serve ${up_med} ms vs Hugo ${hu_one%% *} s")
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

if [ "$do_print" = 1 ]; then
  # Printing, against the floor program (bench/print): the demo's
  # convention poster, PDF and PNG, on 1, 2 and 4 tabs of one Chromium.
  dir="$repo/.scratch/bench-print"
  rm -rf "$dir"
  mkdir -p "$dir/site"
  cp -r content themes "$dir/site/"
  sed 's/^  pdf: .*/  pdf: never/' config.yaml >"$dir/site/config.yaml"
  "$bin/wallpress" build --quiet --root "$dir/site" >/dev/null
  poster=$(find "$dir/site/print" -name convention.html | sort | awk 'NR == 1')
  [ -n "$poster" ] || fail "the demo built no convention poster"
  go build -o "$bin/print" ./bench/print
  echo
  echo "## Printing ($(nproc) cores): Wallpress against the floor programs, sheets per second"
  echo
  echo '```'
  "$bin/print" --dir "$dir/site/print" --page "${poster#"$dir/site/print/"}" --tabs 1,2,4 --sheets "$print_sheets" --runs "$print_runs"
  echo '```'
  rm -rf "$dir"
fi
