# The expectation table, results.md: one line per row,
#   | ID | Level | <runtime> ... | Note |
# with "ok", "FAIL" or "skip" per runtime and, in Note, "<runtime>: <why>"
# for each runtime where the row fails or skips. update_results rewrites one
# runtime's column (and its part of the notes) from a run; check_results
# compares a run with that column.

declare -A TBL TBL_NOTE TBL_LEVEL
TBL_COLS=()
TBL_ROWS=()

_trim() {
	local s=$1
	s=${s#"${s%%[![:space:]]*}"}
	s=${s%"${s##*[![:space:]]}"}
	printf '%s' "$s"
}

_cell() { # text fit for a table cell
	# without what changes from run to run (temp dir, container IDs), so an
	# update rewrites only what changed
	printf '%s' "$1" | tr '|\t' '/ ' | sed -e 's/time="[^"]*" level=[a-z]* msg=//g' \
		-e "s#$T#\$T#g" -e 's/[A-Za-z0-9_-]*: create container "[^"]*": //g' -e 's/oc[0-9]*-[0-9]*/ID/g' \
		-e 's/  */ /g' -e 's/ *$//' | cut -c1-150
}

read_results() {
	TBL_COLS=()
	TBL_ROWS=()
	[ -f "$RESULTS_MD" ] || return 0
	local line cells i n id
	while IFS= read -r line; do
		case $line in
		"| ID |"*)
			IFS='|' read -ra cells <<<"$line"
			n=${#cells[@]}
			for ((i = 3; i < n - 1; i++)); do
				TBL_COLS+=("$(_trim "${cells[i]}")")
			done
			;;
		"| "[A-Z]*-[0-9]*" |"*)
			IFS='|' read -ra cells <<<"$line"
			id=$(_trim "${cells[1]}")
			TBL_ROWS+=("$id")
			TBL_LEVEL[$id]=$(_trim "${cells[2]}")
			for ((i = 0; i < ${#TBL_COLS[@]}; i++)); do
				TBL[$id,${TBL_COLS[i]}]=$(_trim "${cells[i + 3]}")
			done
			_split_note "$id" "$(_trim "${cells[${#TBL_COLS[@]} + 3]}")"
			;;
		esac
	done <"$RESULTS_MD"
}

# "arca: x; runc: y" -> TBL_NOTE[id,arca]=x ...; text without a runtime
# prefix is kept as TBL_NOTE[id,_]
_split_note() {
	local id=$1 note=$2 part c rest="" matched
	[ -n "$note" ] || return 0
	local IFS=$'\n'
	for part in $(sed 's/; \([A-Za-z0-9_.-]*\): /\n\1: /g' <<<"$note"); do
		matched=""
		for c in "${TBL_COLS[@]}"; do
			if [[ $part == "$c: "* ]]; then
				TBL_NOTE[$id,$c]=${part#"$c: "}
				matched=1
			fi
		done
		[ -n "$matched" ] || rest="${rest:+$rest; }$part"
	done
	[ -z "$rest" ] || TBL_NOTE[$id,_]=$rest
}

write_results() {
	local tmp=$RESULTS_MD.new c id note v
	{
		echo "# OCI conformance results"
		echo
		echo "Written by \`oci-conformance/run --update-results NAME RUNTIME_PATH\`; checked by the CTest"
		echo "tests \`conformance/<NAME>\` (\`run --check-results\`), which fail when a run differs from"
		echo "this table. A row that starts passing or failing is written in here, on purpose."
		echo "\`ok\` passed (possibly with a \`# note\` in the TAP output about a SHOULD/MAY choice),"
		echo "\`FAIL\` is a \`not ok\`, \`skip\` could not be tested here (reason in the note)."
		echo
		echo "| runtime | ok | FAIL | skip |"
		echo "|---|---|---|---|"
		for c in "${TBL_COLS[@]}"; do
			local nok=0 nfail=0 nskip=0
			for id in "${TBL_ROWS[@]}"; do
				case ${TBL[$id,$c]:-} in
				ok) nok=$((nok + 1)) ;;
				FAIL) nfail=$((nfail + 1)) ;;
				skip) nskip=$((nskip + 1)) ;;
				esac
			done
			echo "| $c | $nok | $nfail | $nskip |"
		done
		echo
		printf '| ID | Level |'
		for c in "${TBL_COLS[@]}"; do printf ' %s |' "$c"; done
		echo " Note |"
		printf '|---|---|'
		for c in "${TBL_COLS[@]}"; do printf -- '---|'; done
		echo "---|"
		for id in "${TBL_ROWS[@]}"; do
			printf '| %s | %s |' "$id" "${TBL_LEVEL[$id]:-}"
			note=""
			for c in "${TBL_COLS[@]}"; do
				v=${TBL[$id,$c]:-}
				printf ' %s |' "${v:--}"
				[ -z "${TBL_NOTE[$id,$c]:-}" ] || note="${note:+$note; }$c: ${TBL_NOTE[$id,$c]}"
			done
			[ -z "${TBL_NOTE[$id,_]:-}" ] || note="${note:+$note; }${TBL_NOTE[$id,_]}"
			echo " $note |"
		done
	} >"$tmp"
	mv "$tmp" "$RESULTS_MD"
}

# update_results NAME RESULTS_FILE
update_results() {
	local name=$1 file=$2 id res why c have=""
	read_results
	for c in "${TBL_COLS[@]}"; do [ "$c" = "$name" ] && have=1; done
	[ -n "$have" ] || TBL_COLS+=("$name")
	# rows in checklist order; rows of the table the suite no longer has are dropped
	local known=" ${TBL_ROWS[*]} "
	TBL_ROWS=("${ROW_IDS[@]}")
	for id in "${ROW_IDS[@]}"; do TBL_LEVEL[$id]=${ROW_LEVEL[$id]}; done
	while IFS=$'\t' read -r id res why; do
		TBL[$id,$name]=$res
		case $res in
		ok) unset "TBL_NOTE[$id,$name]" ;;
		*) TBL_NOTE[$id,$name]=$(_cell "${why:-see the TAP output}") ;;
		esac
	done <"$file"
	: "$known"
	write_results
	echo "# results.md: column $name updated from this run"
}

# check_results NAME RESULTS_FILE: 0 when the run matches the table
check_results() {
	local name=$1 file=$2 id res why have="" bad=0 want
	read_results
	for c in "${TBL_COLS[@]}"; do [ "$c" = "$name" ] && have=1; done
	if [ -z "$have" ]; then
		echo "# results.md has no column \"$name\": run oci-conformance/run --update-results $name $RT" >&2
		return 1
	fi
	while IFS=$'\t' read -r id res why; do
		want=${TBL[$id,$name]:-}
		if [ "$want" != "$res" ]; then
			echo "# DIFFERS: $id: results.md says ${want:-nothing} for $name, this run gives $res${why:+ ($why)}"
			bad=1
		fi
	done <"$file"
	if [ $bad = 1 ]; then
		echo "# the run differs from results.md; if the change is intended:" \
			"oci-conformance/run --update-results $name $RT"
		echo "oci-conformance: results differ from results.md (see the DIFFERS lines)" >&2
		return 1
	fi
	echo "# every result matches results.md ($name)"
	return 0
}
