/* cgroup v2 device rules: a BPF_PROG_TYPE_CGROUP_DEVICE program written by
 * hand, as runc's devicefilter generates it from the emulator's rules:
 *   r2 = device type, r3 = requested access, r4 = major, r5 = minor;
 *   per exception: a mismatch jumps to the next one, a match returns the
 *   exception's verdict; at the end the default verdict.
 * It is loaded with bpf(BPF_PROG_LOAD) and attached to the container's
 * cgroup2 directory with BPF_PROG_ATTACH (BPF_F_ALLOW_MULTI). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "cgroups/devices.h"

#define INSN(c, d, s, o, i)                                                                        \
	((struct bpf_insn){.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i)})
#define LDX_W(d, s, o)    INSN(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)
#define ALU32_K(op, d, i) INSN(BPF_ALU | (op) | BPF_K, d, 0, 0, i)
#define MOV32_X(d, s)     INSN(BPF_ALU | BPF_MOV | BPF_X, d, s, 0, 0)
#define JNE_K(d, i, o)    INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define EXIT_INSN()       INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* The prologue, the longest block per exception, the default. */
#define PROLOGUE_LEN 6
#define BLOCK_MAX    8
#define FINAL_LEN    2

static size_t emit_prologue(struct bpf_insn *p)
{
	p[0] = LDX_W(BPF_REG_2, BPF_REG_1, 0); /* access_type */
	p[1] = ALU32_K(BPF_AND, BPF_REG_2, 0xFFFF);
	p[2] = LDX_W(BPF_REG_3, BPF_REG_1, 0);
	p[3] = ALU32_K(BPF_RSH, BPF_REG_3, 16);
	p[4] = LDX_W(BPF_REG_4, BPF_REG_1, 4); /* major */
	p[5] = LDX_W(BPF_REG_5, BPF_REG_1, 8); /* minor */
	return PROLOGUE_LEN;
}

/* The checks of one exception; each jump's offset is filled in later. An
 * allow exception needs every requested access bit (as v1 and runc); a deny
 * exception matches when any requested bit is denied, as v1 does (runc's
 * program would let "rw" through a "w" deny). */
static size_t emit_checks(const struct dev_rule *d, bool verdict, struct bpf_insn *p)
{
	size_t n = 0;
	int type = d->type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR;
	p[n++] = JNE_K(BPF_REG_2, type, 0);
	if (d->access != DEV_ACC_ALL) {
		p[n++] = MOV32_X(BPF_REG_1, BPF_REG_3);
		p[n++] = ALU32_K(BPF_AND, BPF_REG_1, (int32_t)d->access);
		p[n++] = verdict ? INSN(BPF_JMP | BPF_JNE | BPF_X, BPF_REG_1, BPF_REG_3, 0, 0)
		                 : INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_1, 0, 0, 0);
	}
	if (d->major != DEV_WILDCARD)
		p[n++] = JNE_K(BPF_REG_4, (int32_t)d->major, 0);
	if (d->minor != DEV_WILDCARD)
		p[n++] = JNE_K(BPF_REG_5, (int32_t)d->minor, 0);
	return n;
}

static size_t emit_block(const struct dev_rule *d, bool verdict, struct bpf_insn *p)
{
	size_t n = emit_checks(d, verdict, p);
	p[n++] = ALU32_K(BPF_MOV, BPF_REG_0, verdict);
	p[n++] = EXIT_INSN();
	/* a failed check goes to the instruction after this block */
	for (size_t i = 0; i + 2 < n; i++)
		if (BPF_CLASS(p[i].code) == BPF_JMP)
			p[i].off = (int16_t)(n - i - 1);
	return n;
}

int dev_bpf_program(const struct dev_rules *rules, struct bpf_insn **out, size_t *len,
                    struct arca_error **err)
{
	size_t cap = PROLOGUE_LEN + rules->len * BLOCK_MAX + FINAL_LEN;
	_cleanup_free_ struct bpf_insn *p = calloc(cap, sizeof(*p));
	if (!p)
		return arca_fail(err, ENOMEM, "linux.resources.devices: build the device program");
	size_t n = emit_prologue(p);
	for (size_t i = rules->len; i-- > 0;)
		n += emit_block(&rules->items[i], !rules->default_allow, p + n);
	p[n++] = ALU32_K(BPF_MOV, BPF_REG_0, rules->default_allow);
	p[n++] = EXIT_INSN();
	*out = TAKE_PTR(p);
	*len = n;
	return 0;
}

static int bpf_call(int cmd, union bpf_attr *attr)
{
	return (int)syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

static int load(const struct bpf_insn *insns, size_t len, struct arca_error **err)
{
	union bpf_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	attr.insns = (uint64_t)(uintptr_t)insns;
	attr.insn_cnt = (uint32_t)len;
	attr.license = (uint64_t)(uintptr_t) "Apache";
	int fd = bpf_call(BPF_PROG_LOAD, &attr);
	if (fd < 0)
		return arca_fail(err, errno,
		                 "linux.resources.devices: load the device program (bpf "
		                 "BPF_PROG_LOAD, %zu instructions)",
		                 len);
	return fd;
}

int dev_apply_bpf(int cgroup_fd, const struct dev_rules *rules, struct arca_error **err)
{
	_cleanup_free_ struct bpf_insn *insns = NULL;
	size_t len = 0;
	int r = dev_bpf_program(rules, &insns, &len, err);
	if (r < 0)
		return r;
	_cleanup_close_ int prog = load(insns, len, err);
	if (prog < 0)
		return prog;
	union bpf_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.target_fd = (uint32_t)cgroup_fd;
	attr.attach_bpf_fd = (uint32_t)prog;
	attr.attach_type = BPF_CGROUP_DEVICE;
	attr.attach_flags = BPF_F_ALLOW_MULTI;
	if (bpf_call(BPF_PROG_ATTACH, &attr) < 0)
		return arca_fail(err, errno,
		                 "linux.resources.devices: attach the device program "
		                 "(bpf BPF_PROG_ATTACH)");
	return 0;
}
