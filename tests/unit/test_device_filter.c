/* The device emulator (runc's rules: last rule wins, "a" resets, runc's
 * default devices appended, no hole in a wildcard) and the eBPF program
 * built from it, run by a small interpreter of the instructions it uses. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "cgroups/devices.h"
#include "check.h"

#define R(al, ty, ma, mi, acc)                                                                     \
	{                                                                                          \
		.allow = (al), .type = (ty), .major = {(ma) >= 0, (ma)},                           \
		.minor = {(mi) >= 0, (mi)}, .access = (acc)                                        \
	}

static struct spec_device_cgroup docker[] = {
    R(false, NULL, -1, -1, "rwm"), R(true, "c", 1, 5, "rwm"),     R(true, "c", 1, 3, "rwm"),
    R(true, "c", 10, 229, "rwm"),  R(false, "c", 10, 229, "rwm"), R(true, "c", 136, -1, "rwm"),
    R(true, "c", -1, -1, "m"),     R(true, "b", -1, -1, "m"),
};

static bool has(const struct dev_rules *r, char type, int64_t ma, int64_t mi, unsigned acc)
{
	for (size_t i = 0; i < r->len; i++)
		if (r->items[i].type == type && r->items[i].major == ma && r->items[i].minor == mi)
			return r->items[i].access == acc;
	return false;
}

/* Runs the program on one access; -1 on an instruction it does not know. */
static int run(const struct bpf_insn *p, size_t len, int type, unsigned acc, uint32_t ma,
               uint32_t mi)
{
	uint32_t ctx[3] = {(acc << 16) | (uint32_t)type, ma, mi};
	uint64_t reg[11] = {0};
	for (size_t pc = 0; pc < len; pc++) {
		const struct bpf_insn *i = &p[pc];
		uint64_t *d = &reg[i->dst_reg], s = reg[i->src_reg], k = (uint64_t)(int64_t)i->imm;
		switch (i->code) {
		case BPF_LDX | BPF_MEM | BPF_W:
			*d = ctx[i->off / 4];
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			*d = (uint32_t)(*d & k);
			break;
		case BPF_ALU | BPF_RSH | BPF_K:
			*d = (uint32_t)*d >> i->imm;
			break;
		case BPF_ALU | BPF_MOV | BPF_X:
			*d = (uint32_t)s;
			break;
		case BPF_ALU | BPF_MOV | BPF_K:
			*d = (uint32_t)i->imm;
			break;
		case BPF_JMP | BPF_JNE | BPF_K:
			pc += *d != k ? (size_t)i->off : 0;
			break;
		case BPF_JMP | BPF_JNE | BPF_X:
			pc += *d != s ? (size_t)i->off : 0;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += *d == k ? (size_t)i->off : 0;
			break;
		case BPF_JMP | BPF_EXIT:
			return (int)reg[0];
		default:
			return -1;
		}
	}
	return -1;
}

static void test_docker_rules(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	struct dev_rules r;
	struct spec_device_cgroups spec = {docker, sizeof(docker) / sizeof(docker[0])};
	CHECK(dev_rules_build(&spec, &r, &err) == 0);
	CHECK(!r.default_allow);
	CHECK(has(&r, 'c', 1, 3, DEV_ACC_ALL));
	CHECK(has(&r, 'c', 136, DEV_WILDCARD, DEV_ACC_ALL));
	CHECK(has(&r, 'c', DEV_WILDCARD, DEV_WILDCARD, DEV_ACC_MKNOD));
	CHECK(!has(&r, 'c', 10, 229, DEV_ACC_ALL));
	CHECK(r.len > 2 && r.items[0].type == 'b'); /* sorted: b before c, * first */
	CHECK(r.items[1].major == DEV_WILDCARD);
	struct bpf_insn *p = NULL;
	size_t len = 0;
	CHECK(dev_bpf_program(&r, &p, &len, &err) == 0);
	CHECK(run(p, len, BPF_DEVCG_DEV_CHAR, DEV_ACC_READ | DEV_ACC_WRITE, 1, 3) == 1);
	CHECK(run(p, len, BPF_DEVCG_DEV_CHAR, DEV_ACC_READ, 136, 7) == 1);
	CHECK(run(p, len, BPF_DEVCG_DEV_CHAR, DEV_ACC_READ, 10, 229) == 0);
	CHECK(run(p, len, BPF_DEVCG_DEV_CHAR, DEV_ACC_MKNOD, 10, 229) == 1);
	CHECK(run(p, len, BPF_DEVCG_DEV_BLOCK, DEV_ACC_READ, 8, 0) == 0);
	CHECK(run(p, len, BPF_DEVCG_DEV_BLOCK, DEV_ACC_MKNOD, 8, 0) == 1);
	CHECK(run(p, len, BPF_DEVCG_DEV_CHAR, DEV_ACC_READ, 60, 0) == 0);
	free(p);
	dev_rules_clear(&r);
}

static void test_allow_all(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	struct spec_device_cgroup rules[] = {R(false, "c", 1, 3, "rwm"), R(true, "a", -1, -1, "")};
	struct spec_device_cgroups spec = {rules, 2};
	struct dev_rules r;
	CHECK(dev_rules_build(&spec, &r, &err) == 0);
	CHECK(r.default_allow); /* the last "a" rule resets, whatever its access */
	CHECK(r.len == 0);
	struct bpf_insn *p = NULL;
	size_t len = 0;
	CHECK(dev_bpf_program(&r, &p, &len, &err) == 0);
	CHECK(run(p, len, BPF_DEVCG_DEV_BLOCK, DEV_ACC_ALL, 8, 0) == 1);
	free(p);
	dev_rules_clear(&r);
}

static void test_deny_in_blacklist(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	struct spec_device_cgroup rules[] = {R(true, NULL, -1, -1, "rwm"),
	                                     R(false, "b", 8, 0, "w")};
	struct spec_device_cgroups spec = {rules, 2};
	struct dev_rules r;
	CHECK(dev_rules_build(&spec, &r, &err) == 0);
	CHECK(r.default_allow && has(&r, 'b', 8, 0, DEV_ACC_WRITE));
	char line[64];
	dev_rule_format('b', 8, 0, DEV_ACC_WRITE, line, sizeof(line));
	CHECK_STREQ(line, "b 8:0 w");
	struct bpf_insn *p = NULL;
	size_t len = 0;
	CHECK(dev_bpf_program(&r, &p, &len, &err) == 0);
	CHECK(run(p, len, BPF_DEVCG_DEV_BLOCK, DEV_ACC_WRITE, 8, 0) == 0);
	CHECK(run(p, len, BPF_DEVCG_DEV_BLOCK, DEV_ACC_READ, 8, 0) == 1);
	CHECK(run(p, len, BPF_DEVCG_DEV_BLOCK, DEV_ACC_READ | DEV_ACC_WRITE, 8, 0) == 0);
	free(p);
	dev_rules_clear(&r);
}

static void test_refused(void)
{
	struct spec_device_cgroup hole[] = {R(false, NULL, -1, -1, "rwm"),
	                                    R(true, "c", 4, -1, "rw"), R(false, "c", 4, 1, "r")};
	struct spec_device_cgroup type[] = {R(true, "x", -1, -1, "rwm")};
	struct spec_device_cgroup acc[] = {R(true, "c", 1, 1, "rwz")};
	struct {
		struct spec_device_cgroups spec;
		const char *msg;
	} cases[] = {{{hole, 3}, "devices[2]: rule \"c 4:1 r\" cannot punch a hole"},
	             {{type, 1}, "devices[0].type"},
	             {{acc, 1}, "devices[0].access"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		_cleanup_error_ struct arca_error *err = NULL;
		struct dev_rules r;
		CHECK(dev_rules_build(&cases[i].spec, &r, &err) == -EINVAL);
		CHECK(err && strstr(err->msg, cases[i].msg));
		CHECK(r.items == NULL);
	}
}

int main(void)
{
	RUN(test_docker_rules);
	RUN(test_allow_all);
	RUN(test_deny_in_blacklist);
	RUN(test_refused);
	return check_exit();
}
