/* data/spec/full.json sets every member of the v1.3 Linux schema: load it
 * (unimplemented members allowed), check the structs, write it with
 * spec_to_json, load and write again, and compare. The field tables are
 * checked against the written document too: every row must appear in it. */
#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/spec.h"
#include "check.h"
#include "spec/fields.h"
#include "spec/spec_json.h"

static char *read_file(const char *path, size_t *len)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	char *text = NULL;
	size_t size = 0;
	_cleanup_fclose_ FILE *out = open_memstream(&text, &size);
	if (!out)
		return NULL;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, out);
	fclose(TAKE_PTR(out));
	*len = size;
	return text;
}

static struct spec *load(const char *json, size_t len)
{
	struct spec *spec = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	if (spec_parse_flags(json, len, "full.json", SPEC_PARSE_ALL, &spec, &err) < 0)
		fprintf(stderr, "load: %s\n", err->msg);
	return spec;
}

static char *to_json(const struct spec *spec)
{
	char *text = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	if (spec_to_json(spec, &text, &err) < 0)
		fprintf(stderr, "to_json: %s\n", err->msg);
	return text;
}

static void check_process(const struct spec_process *p)
{
	CHECK(p->terminal);
	CHECK(p->console_size->height == 25 && p->console_size->width == 80);
	CHECK(p->user.uid == 1000 && p->user.gid == 1001);
	CHECK(p->user.umask.set && p->user.umask.value == 18);
	CHECK(p->user.additional_gids.len == 3 &&
	      p->user.additional_gids.items[2] == UINT32_MAX - 1);
	CHECK_STREQ(p->args.items[2], "echo \"hi\" \\ \xc3\xa9\xe4\xb8\xad");
	CHECK(p->env.len == 3);
	CHECK_STREQ(p->env.items[2], "EMPTY=");
	CHECK_STREQ(p->cwd, "/work");
	CHECK(p->capabilities->bounding.len == 2 && p->capabilities->ambient.len == 1);
	CHECK_STREQ(p->capabilities->inheritable.items[0], "CAP_CHOWN");
	CHECK(p->rlimits.len == 2 && p->rlimits.items[1].type == SPEC_RLIMIT_CORE);
	CHECK(p->rlimits.items[1].hard == UINT64_MAX && p->rlimits.items[0].soft == 1024);
	CHECK(p->no_new_privileges);
	CHECK_STREQ(p->apparmor_profile, "arca-default");
	CHECK(p->oom_score_adj.set && p->oom_score_adj.value == -1000);
	CHECK(p->scheduler->policy == SPEC_SCHED_DEADLINE);
	CHECK(p->scheduler->nice.value == -20 && p->scheduler->priority.value == INT32_MAX);
	CHECK(p->scheduler->flags.len == 2 &&
	      p->scheduler->flags.items[1] == SPEC_SCHED_FLAG_UTIL_CLAMP_MAX);
	CHECK(p->scheduler->period.set && p->scheduler->period.value == 30000000);
	CHECK(p->io_priority->class == SPEC_IOPRIO_CLASS_IDLE && p->io_priority->priority == 7);
	CHECK_STREQ(p->exec_cpu_affinity->initial, "0-3,7");
}

static void check_resources(const struct spec_resources *r)
{
	CHECK(r->devices.len == 2 && !r->devices.items[0].allow && r->devices.items[1].allow);
	CHECK(r->devices.items[1].major.set && r->devices.items[1].major.value == 1);
	CHECK(!r->devices.items[0].major.set);
	CHECK(r->memory->kernel_tcp.value == INT64_MIN && r->memory->swap.value == -1);
	CHECK(r->memory->disable_oom_killer.set && !r->memory->disable_oom_killer.value);
	CHECK(r->memory->check_before_update.set && r->memory->check_before_update.value);
	CHECK_STREQ(r->cpu->cpus, "0-3");
	CHECK(r->cpu->idle.set && r->cpu->idle.value == 1);
	CHECK(r->pids->limit.set && r->pids->limit.value == -1);
	CHECK(r->block_io->leaf_weight.value == 65535);
	CHECK(r->block_io->weight_device.items[0].leaf_weight.value == 300);
	CHECK(r->block_io->throttle_write_iops_device.items[0].rate == UINT64_MAX);
	CHECK_STREQ(r->hugepage_limits.items[1].page_size, "1GB");
	CHECK(r->network->class_id.value == 1048577);
	CHECK_STREQ(r->network->priorities.items[0].name, "eth0");
	CHECK(r->rdma.len == 2);
	CHECK_STREQ(r->rdma.items[0].device, "mlx5_1");
	CHECK(r->rdma.items[0].hca_handles.value == 3 && !r->rdma.items[1].hca_handles.set);
	CHECK_STREQ(r->unified.items[1].key, "memory.high");
}

static void check_linux(const struct spec_linux *l)
{
	CHECK(l->uid_mappings.len == 2 && l->uid_mappings.items[1].host_id == UINT32_MAX);
	CHECK(l->gid_mappings.items[0].size == 65536);
	CHECK_STREQ(l->sysctl.items[1].value, "4294967296");
	check_resources(l->resources);
	CHECK_STREQ(l->cgroups_path, "/arca/full");
	CHECK(l->namespaces.len == 8 && l->namespaces.items[7].type == SPEC_NS_TIME);
	CHECK_STREQ(l->namespaces.items[1].path, "/var/run/netns/full");
	CHECK(l->devices.len == 4 && l->devices.items[1].type == SPEC_DEVICE_BLOCK);
	CHECK(l->devices.items[0].file_mode.value == 438);
	CHECK_STREQ(l->net_devices.items[0].host_name, "eth1");
	CHECK_STREQ(l->net_devices.items[0].name, "net1");
	CHECK(l->net_devices.items[1].name == NULL);
	CHECK(l->seccomp->default_action == SPEC_SCMP_ACT_ERRNO);
	CHECK(l->seccomp->architectures.items[2] == SPEC_SCMP_ARCH_X32);
	CHECK(l->seccomp->flags.items[1] == SPEC_SECCOMP_FLAG_WAIT_KILLABLE_RECV);
	const struct spec_syscall *sc = &l->seccomp->syscalls.items[1];
	CHECK(sc->errno_ret.value == 1 && sc->args.len == 2);
	CHECK(sc->args.items[1].op == SPEC_SCMP_CMP_MASKED_EQ);
	CHECK(sc->args.items[1].value == UINT64_MAX && sc->args.items[1].value_two.value == 4);
	CHECK(l->rootfs_propagation.value == SPEC_PROPAGATION_SLAVE);
	CHECK(l->masked_paths.len == 2 && l->readonly_paths.len == 1);
	CHECK(l->intel_rdt->enable_monitoring && l->intel_rdt->schemata.len == 2);
	CHECK(l->memory_policy->mode == SPEC_MPOL_BIND);
	CHECK(l->memory_policy->flags.items[0] == SPEC_MPOL_F_STATIC_NODES);
	CHECK(l->personality->domain == SPEC_PER_LINUX32);
	CHECK(l->time_offsets->boottime->secs.value == -3600);
	CHECK(l->time_offsets->monotonic->secs.value == INT64_MAX);
	CHECK(l->time_offsets->monotonic->nanosecs.value == UINT32_MAX);
}

static void check_full(const struct spec *s)
{
	CHECK_STREQ(s->oci_version, "1.3.0");
	check_process(s->process);
	CHECK_STREQ(s->root->path, "rootfs");
	CHECK(s->root->readonly);
	CHECK_STREQ(s->hostname, "full");
	CHECK_STREQ(s->domainname, "example.org");
	CHECK(s->mounts.len == 2 && s->mounts.items[1].uid_mappings.items[0].host_id == 100000);
	CHECK_STREQ(s->mounts.items[1].options.items[1], "idmap");
	CHECK(s->hooks->prestart.items[0].timeout.value == 5);
	CHECK(s->hooks->create_container.items[0].timeout.value == INT64_MAX);
	CHECK(s->hooks->poststop.len == 2 && !s->hooks->poststop.items[0].timeout.set);
	CHECK(s->annotations.len == 3);
	CHECK_STREQ(s->annotations.items[0].key, "org.opencontainers.image.stopSignal");
	CHECK_STREQ(s->annotations.items[1].value, "");
	check_linux(s->linux_);
}

static void test_roundtrip_full(void)
{
	size_t len = 0;
	_cleanup_free_ char *original = read_file("data/spec/full.json", &len);
	CHECK(original != NULL);
	if (!original)
		return;
	_cleanup_spec_ struct spec *first = load(original, len);
	CHECK(first != NULL);
	if (!first)
		return;
	check_full(first);

	_cleanup_free_ char *text1 = to_json(first);
	CHECK(text1 != NULL);
	_cleanup_spec_ struct spec *second = text1 ? load(text1, strlen(text1)) : NULL;
	CHECK(second != NULL);
	if (!second)
		return;
	check_full(second);
	_cleanup_free_ char *text2 = to_json(second);
	CHECK_STREQ(text1, text2);
	CHECK(strncmp(text1, "{\n  \"ociVersion\": \"1.3.0\",\n  \"process\": {\n", 42) == 0);
	CHECK_CONTAINS(text1, "\"rootfsPropagation\": \"slave\"");
	CHECK_CONTAINS(text1, "\"source\": \"/srv/data\"");
}

/* ---- the tables against the document -------------------------------------- */

struct instances {
	struct json_object **items;
	size_t len;
};

static void add(struct instances *set, struct json_object *json)
{
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): the items are pointers */
	set->items = reallocarray(set->items, set->len + 1, sizeof(*set->items));
	set->items[set->len++] = json;
}

static void check_object(const struct spec_object *object, const struct instances *objects,
                         const char *path);

/* The values a row's value holds in the document, as the child table's
 * instances: the object itself, the array's elements or the map's values. */
static void check_row(const struct spec_field *row, const struct instances *values,
                      const char *path)
{
	if (row->type == SPEC_OBJECT || row->type == SPEC_EMBED) {
		check_object(row->object, values, path);
		return;
	}
	if ((row->type != SPEC_ARRAY && row->type != SPEC_MAP) || row->elem->type != SPEC_EMBED)
		return;
	struct instances elems = {0};
	for (size_t i = 0; i < values->len; i++) {
		if (row->type == SPEC_ARRAY) {
			for (size_t j = 0; j < json_object_array_length(values->items[i]); j++)
				add(&elems, json_object_array_get_idx(values->items[i], j));
		} else {
			json_object_object_foreach(values->items[i], key, value)
			{
				(void)key;
				add(&elems, value);
			}
		}
	}
	check_object(row->elem->object, &elems, path);
	free(elems.items);
}

static void check_object(const struct spec_object *object, const struct instances *objects,
                         const char *path)
{
	CHECK(object->count <= 64); /* the walker's bit masks */
	for (size_t i = 0; i < object->count; i++) {
		const struct spec_field *row = &object->fields[i];
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(object->fields[j].name, row->name) != 0);
		char row_path[256];
		snprintf(row_path, sizeof(row_path), "%s%s%s", path, *path ? "." : "", row->name);
		struct instances values = {0};
		for (size_t j = 0; j < objects->len; j++) {
			struct json_object *value;
			if (json_object_object_get_ex(objects->items[j], row->name, &value))
				add(&values, value);
		}
		if (values.len == 0)
			fprintf(stderr, "full.json does not set %s\n", row_path);
		CHECK(values.len > 0);
		check_row(row, &values, row_path);
		free(values.items);
	}
}

static void test_full_json_sets_every_row(void)
{
	size_t len = 0;
	_cleanup_free_ char *original = read_file("data/spec/full.json", &len);
	_cleanup_spec_ struct spec *spec = original ? load(original, len) : NULL;
	_cleanup_free_ char *text = spec ? to_json(spec) : NULL;
	CHECK(text != NULL);
	if (!text)
		return;
	struct json_object *doc = json_tokener_parse(text);
	CHECK(doc != NULL);
	struct instances root = {0};
	add(&root, doc);
	check_object(&spec_table_config, &root, "");
	free(root.items);
	json_object_put(doc);
}

int main(void)
{
	RUN(test_roundtrip_full);
	RUN(test_full_json_sets_every_row);
	return check_exit();
}
