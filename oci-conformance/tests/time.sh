# Section 14: time namespace offsets (TIME)

row TIME-01 MUST* "timeOffsets are the new time namespace's offsets; without a time namespace they are an error"
# monotonic +3 days, boottime +2 h 0.5 s: /proc/self/timens_offsets inside
# must list them, and the container's uptime (boottime) must be at least
# 7200 s above the host's. Without a time namespace create must fail (a
# runtime without time namespaces, runc 1.1.5, fails the first part).
t_TIME_01() {
	local b id host_up in_up want got r=0
	b=$(mkbundle time01 '.linux.namespaces += [{type: "time"}]
		| .linux.timeOffsets = {monotonic: {secs: 259200}, boottime: {secs: 7200, nanosecs: 500000000}}')
	prog "$b" 'cat /proc/self/timens_offsets; echo uptime $(cat /proc/uptime)'
	id=$(new_id)
	host_up=$(cut -d' ' -f1 /proc/uptime)
	run_to_end "$id" "$b"
	if [ "$RC" != 0 ]; then
		say "timeOffsets with a time namespace: $PHASE fails: $(short "$ERR")"
		r=1
	else
		got=$(grep -v '^uptime' <<<"$OUTPUT" | awk '{ print $1, $2, $3 }' | sort)
		want=$(printf 'boottime 7200 500000000\nmonotonic 259200 0')
		[ "$got" = "$want" ] || { say "timens_offsets inside: $(echo $got), expected $(echo $want)"; r=1; }
		in_up=$(sed -n 's/^uptime \([0-9.]*\) .*/\1/p' <<<"$OUTPUT")
		awk -v i="${in_up:-0}" -v h="$host_up" 'BEGIN { exit !(i - h >= 7200) }' ||
			{ say "uptime inside is ${in_up:-unknown} s, the host's was $host_up s (boottime +7200.5 s)"; r=1; }
	fi
	b=$(mkbundle time01-nons '.linux.timeOffsets = {monotonic: {secs: 10}}')
	id=$(new_id)
	expect_create_fails "$id" "$b" "timeOffsets without a time namespace" || r=1
	return $r
}
