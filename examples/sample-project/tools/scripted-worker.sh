# Scripted worker for the sf demo. It plays the role of an AI coding agent on one milestone.
#
# Usage: sh tools/scripted-worker.sh MILESTONE_ID
#
# sf starts it in the milestone's worktree (branch milestone/<ID>) with these variables:
#   SF_MILESTONE_LOCK  the milestone id. The script exits 2 when it is missing or differs
#                      from MILESTONE_ID, so it never works on a milestone it was not given.
#   SF_WORKTREE        the worktree folder, where the script works
#   SF_PLAN_FILE       the milestone's MILESTONE.md (default .sf/milestones/<ID>/MILESTONE.md)
#
# For each slice `- {id: S01, title: ...}` in the front matter of the plan, it prints these
# sf-events lines (one JSON object per line) on stdout:
#   {"sf":"slice","id":"S01","state":"started"}
#   {"sf":"progress","message":"..."}
#   {"sf":"cost","delta_usd":0.11}
#   {"sf":"slice","id":"S01","state":"done"}
# and ends with {"sf":"complete"} and exit status 0. Diagnostics go to stderr.
#
# Work per slice: the n-th slice writes one new file, <slug of its title>.js, into the folder
# of the n-th glob in `files` (the last glob when there are fewer globs than slices), and
# commits only that file on the current branch. The sample milestones list folder globs
# (`src/search/**`), so milestones never write the same file and merge without conflicts.
# The cost of a slice is 0.10 USD plus 0.01 USD per unit of the number in its id (S02: 0.12).
#
# Environment knobs:
#   SF_DEMO_SLICE_SECONDS  seconds to sleep per slice (default 1, 0 for none)
#   SF_DEMO_FAIL=<ID>      milestone <ID> exits 3 right after its first slice
#
# It runs under any POSIX sh (dash included). It exits 2 unless the current branch is
# milestone/<ID>, never checks out a branch, and exits 2 before writing into .sf/ or outside
# the worktree, so it never touches .sf/worktrees, .sf/parallel or .sf/metrics.json.

set -eu

milestone=${1:-}

fail() {
  status=$1
  shift
  printf 'scripted-worker: %s\n' "$*" >&2
  exit "$status"
}

# Escapes backslashes and double quotes for a JSON string.
json_escape() {
  printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'
}

event() {
  printf '%s\n' "$1"
}

# Writes the deterministic source file of one slice: a CommonJS module naming it.
write_slice_file() {
  mkdir -p "$(dirname "$1")"
  {
    printf "'use strict';\n\n"
    printf '// %s %s: %s. Written by the scripted worker of the sf demo.\n' "$milestone" "$2" "$3"
    printf "module.exports = { milestone: '%s', slice: '%s', title: '%s' };\n" \
      "$milestone" "$2" "$(printf '%s' "$3" | sed "s/'/\\\\'/g")"
  } > "$1"
}

[ -n "$milestone" ] || fail 2 "Missing milestone id. Usage: sh tools/scripted-worker.sh M001"
[ -n "${SF_MILESTONE_LOCK:-}" ] \
  || fail 2 "SF_MILESTONE_LOCK is not set. Start this worker through sf, which sets it."
[ "$SF_MILESTONE_LOCK" = "$milestone" ] || fail 2 \
  "SF_MILESTONE_LOCK '$SF_MILESTONE_LOCK' does not match the milestone argument '$milestone'." \
  "Start the worker through sf, which sets both."

cd "${SF_WORKTREE:-.}" || fail 2 "Cannot enter worktree '${SF_WORKTREE:-.}'."
plan=${SF_PLAN_FILE:-.sf/milestones/$milestone/MILESTONE.md}
[ -f "$plan" ] || fail 2 "Plan file '$plan' not found. Check SF_PLAN_FILE."

branch=$(git symbolic-ref --quiet --short HEAD) || branch=''
[ "$branch" = "milestone/$milestone" ] || fail 2 \
  "The working directory is on branch '$branch', expected 'milestone/$milestone'." \
  "Run the worker in the milestone's worktree."

# One "id<TAB>title" line per slice entry `- {id: S01, title: Author store}` of the front
# matter, which is the lines between the first two `---` lines. Quotes around values are dropped.
slices=$(awk '
  /^---[ \t]*$/ { fence++; next }
  fence != 1 || !/^[ \t]*-[ \t]*\{[ \t]*id:/ { next }
  {
    entry = $0
    sub(/^[ \t]*-[ \t]*\{[ \t]*id:[ \t]*/, "", entry)
    id = entry
    sub(/[ \t]*,.*$/, "", id)
    title = entry
    sub(/^[^,]*,[ \t]*title:[ \t]*/, "", title)
    sub(/[ \t]*\}[ \t]*$/, "", title)
    gsub(/^["\047]|["\047]$/, "", id)
    gsub(/^["\047]|["\047]$/, "", title)
    print id "\t" title
  }' "$plan")
[ -n "$slices" ] || fail 2 "No slices found in the front matter of '$plan'."

# One folder per glob of `files: ["src/search/**", "src/routes/**"]`: the part before the
# first `*`, without a leading `./` or a trailing slash.
folders=$(awk '
  /^---[ \t]*$/ { fence++; next }
  fence != 1 || !/^files:/ { next }
  {
    list = $0
    sub(/^files:[ \t]*\[/, "", list)
    sub(/\][ \t]*$/, "", list)
    count = split(list, globs, ",")
    for (i = 1; i <= count; i++) {
      folder = globs[i]
      gsub(/^[ \t"\047]+|[ \t"\047]+$/, "", folder)
      sub(/\*.*$/, "", folder)
      sub(/^(\.\/)+/, "", folder)
      sub(/\/+$/, "", folder)
      if (folder != "") print folder
    }
  }' "$plan")
[ -n "$folders" ] || folders=src
folder_count=$(printf '%s\n' "$folders" | awk 'END { print NR }')

seconds=${SF_DEMO_SLICE_SECONDS:-1}
tab=$(printf '\t')
position=0

# The slice list comes in on descriptor 3, so that no command in the loop can read it.
while IFS="$tab" read -r id title <&3; do
  position=$((position + 1))
  event "{\"sf\":\"slice\",\"id\":\"$(json_escape "$id")\",\"state\":\"started\"}"
  event "{\"sf\":\"progress\",\"message\":\"$(json_escape "$milestone $id: $title")\"}"
  sleep "$seconds"

  index=$position
  [ "$index" -le "$folder_count" ] || index=$folder_count
  folder=$(printf '%s\n' "$folders" | sed -n "${index}p")
  case "$folder" in
    .sf | .sf/* | /* | .. | ../* | */.. | */../*)
      fail 2 "Folder '$folder' from the files of '$plan' is inside .sf or outside the" \
        "worktree. Plan the milestone's files elsewhere." ;;
  esac
  slug=$(printf '%s' "$title" | tr 'A-Z' 'a-z' | tr -cs 'a-z0-9' '-' | sed 's/^-*//; s/-*$//')
  file="$folder/${slug:-$(printf '%s' "$id" | tr 'A-Z' 'a-z')}.js"
  write_slice_file "$file" "$id" "$title"

  # A rerun after a stop finds the file already committed with this same content.
  git add -- "$file"
  if git diff --cached --quiet -- "$file"; then
    event "{\"sf\":\"progress\",\"message\":\"$(json_escape "$file is already committed")\"}"
  else
    git -c user.name='sf demo worker' -c user.email='worker@sf.invalid' \
      -c commit.gpgsign=false commit --quiet --no-verify -m "$milestone $id: $title" -- "$file" >&2
    event "{\"sf\":\"progress\",\"message\":\"$(json_escape "Committed $file")\"}"
  fi

  number=$(printf '%s' "$id" | tr -cd '0-9')
  cost=$(awk -v n="${number:-0}" 'BEGIN { printf "%.2f", 0.10 + n / 100 }')
  event "{\"sf\":\"cost\",\"delta_usd\":$cost}"
  event "{\"sf\":\"slice\",\"id\":\"$(json_escape "$id")\",\"state\":\"done\"}"

  if [ "${SF_DEMO_FAIL:-}" = "$milestone" ]; then
    fail 3 "SF_DEMO_FAIL is '$milestone': failing after slice $id on purpose."
  fi
done 3<<EOF
$slices
EOF

event '{"sf":"complete"}'
