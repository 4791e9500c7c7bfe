# Section 10a: rlimits (RLIM)

row RLIM-01 MUST "an rlimit type that is not an RLIMIT_* resource is an error"
t_RLIM_01() {
	local b id
	b=$(mkbundle rlim01 '.process.rlimits = [{type: "RLIMIT_OCI_BOGUS", soft: 1, hard: 1}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "rlimit type RLIMIT_OCI_BOGUS"
}

row RLIM-02 MUST "getrlimit inside gives soft and hard for every configured RLIMIT_*"
t_RLIM_02() {
	local r=0
	inside rlimits RLIM-02 || r=1
	scenario rlimits-raise
	if [[ $(cat "$T/scen/rlimits-raise.status") == skip:* ]]; then
		note "not tested: raising hard limits above the caller's ($(sed 's/^skip: //' "$T/scen/rlimits-raise.status"))"
	else
		inside rlimits-raise RLIM-02 || r=1
	fi
	return $r
}

# the caller's hard limit of an RLIMIT_* name ("unlimited" or a number)
_host_hard() {
	local names=(CPU FSIZE DATA STACK CORE RSS NPROC NOFILE MEMLOCK AS LOCKS SIGPENDING MSGQUEUE NICE RTPRIO RTTIME)
	local i=0 line h
	while IFS= read -r line; do
		[[ $line == Max* ]] || continue
		if [ "RLIMIT_${names[i]}" = "$1" ]; then
			h=$(awk '{ for (k = 1; k <= NF; k++) if ($k ~ /^[0-9]+$|^unlimited$/) { n++; if (n == 2) { print $k; exit } } }' <<<"$line")
			echo "${h:-unlimited}"
			return
		fi
		i=$((i + 1))
	done </proc/$$/limits
	echo unlimited
}

# rlimits TYPE:SOFT:HARD...: the JSON list; a hard limit above the caller's
# is lowered to it unless the runner has CAP_SYS_RESOURCE to raise it
rlimits_json() {
	local e t s h host out=""
	for e in "$@"; do
		IFS=: read -r t s h <<<"$e"
		host=$(_host_hard "$t")
		if ! has_cap 24 && [ "$host" != unlimited ] && [ "$h" != '"@U64MAX@"' ] && [ "$h" -gt "$host" ]; then
			h=$host
			[ "$s" -le "$h" ] || s=$h
		fi
		out="${out:+$out, }{\"type\": \"$t\", \"soft\": $s, \"hard\": $h}"
	done
	echo "[$out]"
}

scen_rlimits() {
	local b
	b=$(mkbundle rlimits '.process.rlimits = $r' --argjson r "$(rlimits_json RLIMIT_AS:4294967296:8589934592 \
		'RLIMIT_CORE:0:"@U64MAX@"' RLIMIT_CPU:1000:2000 RLIMIT_DATA:2147483648:4294967296 \
		RLIMIT_FSIZE:1073741824:2147483648 RLIMIT_LOCKS:100:200 RLIMIT_MEMLOCK:65536:131072 \
		RLIMIT_MSGQUEUE:409600:819200 RLIMIT_NICE:0:0 RLIMIT_NOFILE:1000:2000 RLIMIT_NPROC:5000:10000 \
		RLIMIT_RSS:1073741824:2147483648 RLIMIT_RTPRIO:0:0 RLIMIT_RTTIME:1000000:2000000 \
		RLIMIT_SIGPENDING:1000:2000 RLIMIT_STACK:8388608:16777216)")
	inside_run rlimits "$b"
}

# hard limits above the caller's: the runtime (root) may raise them
scen_rlimits_raise() {
	local b
	if ! has_cap 24; then
		echo "skip: the runner lacks CAP_SYS_RESOURCE, so no runtime it starts can raise a hard limit" >"$T/scen/rlimits-raise.status"
		return 0
	fi
	b=$(mkbundle rlimits-raise '.process.rlimits = [
	  {type: "RLIMIT_MSGQUEUE", soft: 819200, hard: 1638400},
	  {type: "RLIMIT_NICE", soft: 0, hard: 10}, {type: "RLIMIT_RTPRIO", soft: 0, hard: 5}]')
	inside_run rlimits-raise "$b"
}

row RLIM-03 MUST "two rlimits of one type are an error"
t_RLIM_03() {
	local b id
	b=$(mkbundle rlim03 '.process.rlimits = [{type: "RLIMIT_NOFILE", soft: 1024, hard: 1024}, {type: "RLIMIT_NOFILE", soft: 512, hard: 512}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "RLIMIT_NOFILE twice"
}
