/* linux.resources.blockIO (CGBLK-01..03), as runc sets it; 0 means unset
 * for the weights. v1: blkio.weight and blkio.weight_device, or BFQ's
 * blkio.bfq.weight / bfq.weight_device when blkio.weight is missing;
 * blkio.leaf_weight, blkio.leaf_weight_device; blkio.throttle.*_device.
 * v2: io.bfq.weight (weight and weightDevice as given) when the kernel has
 * it, else io.weight from runc's conversion (weightDevice is then skipped
 * with a warning, and leafWeight has no v2 file: skipped, as runc does);
 * throttles go to io.max as rbps=, wbps=, riops=, wiops=. A weightDevice
 * entry with neither weight is invalid. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "arca/log.h"
#include "cgroups/internal.h"
#include "cgroups/resources.h"

#define F "linux.resources.blockIO."

uint64_t res_io_weight(uint64_t blkio_weight)
{
	if (blkio_weight < 10)
		return 0;
	return 1 + (blkio_weight - 10) * 9999 / 990;
}

static bool has_file(const char *dir, const char *file)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return access(path, F_OK) == 0;
}

static int write_dev(const char *dir, const char *file, int64_t major, int64_t minor,
                     const char *key, uint64_t value, const char *field, struct arca_error **err)
{
	char buf[96];
	snprintf(buf, sizeof(buf), "%" PRId64 ":%" PRId64 " %s%" PRIu64, major, minor, key, value);
	return res_write(dir, file, buf, field, err);
}

struct throttle {
	const char *member, *v1_file, *v2_key;
	const struct spec_throttle_devices *list;
};

static int throttles(const struct res_dir *d, const struct spec_block_io *b,
                     struct arca_error **err)
{
	const struct throttle t[] = {
	    {"throttleReadBpsDevice", "blkio.throttle.read_bps_device",
	     "rbps=", &b->throttle_read_bps_device},
	    {"throttleWriteBpsDevice", "blkio.throttle.write_bps_device",
	     "wbps=", &b->throttle_write_bps_device},
	    {"throttleReadIOPSDevice", "blkio.throttle.read_iops_device",
	     "riops=", &b->throttle_read_iops_device},
	    {"throttleWriteIOPSDevice", "blkio.throttle.write_iops_device",
	     "wiops=", &b->throttle_write_iops_device},
	};
	int r = 0;
	for (size_t k = 0; r >= 0 && k < sizeof(t) / sizeof(t[0]); k++)
		for (size_t i = 0; r >= 0 && i < t[k].list->len; i++) {
			const struct spec_throttle_device *td = &t[k].list->items[i];
			char field[96];
			snprintf(field, sizeof(field), F "%s[%zu]", t[k].member, i);
			r = write_dev(d->dir, d->v2 ? "io.max" : t[k].v1_file, td->major, td->minor,
			              d->v2 ? t[k].v2_key : "", td->rate, field, err);
		}
	return r;
}

static int weight_devices_v1(const char *dir, const struct spec_weight_devices *wd,
                             const char *file, struct arca_error **err)
{
	int r = 0;
	for (size_t i = 0; r >= 0 && i < wd->len; i++) {
		const struct spec_weight_device *w = &wd->items[i];
		char field[80];
		snprintf(field, sizeof(field), F "weightDevice[%zu]", i);
		if (w->weight.set && w->weight.value)
			r = write_dev(dir, file, w->major, w->minor, "", w->weight.value, field,
			              err);
		if (r >= 0 && w->leaf_weight.set && w->leaf_weight.value)
			r = write_dev(dir, "blkio.leaf_weight_device", w->major, w->minor, "",
			              w->leaf_weight.value, field, err);
	}
	return r;
}

static int apply_v1(const char *dir, const struct spec_block_io *b, struct arca_error **err)
{
	bool cfq = has_file(dir, "blkio.weight");
	int r = 0;
	if (b->weight.set && b->weight.value)
		r = res_write_u64(dir, cfq ? "blkio.weight" : "blkio.bfq.weight", b->weight.value,
		                  F "weight", err);
	if (r >= 0 && b->leaf_weight.set && b->leaf_weight.value)
		r = res_write_u64(dir, "blkio.leaf_weight", b->leaf_weight.value, F "leafWeight",
		                  err);
	if (r >= 0)
		r = weight_devices_v1(dir, &b->weight_device,
		                      cfq ? "blkio.weight_device" : "blkio.bfq.weight_device", err);
	return r;
}

static int apply_v2(const char *dir, const struct spec_block_io *b, struct arca_error **err)
{
	bool bfq = has_file(dir, "io.bfq.weight");
	int r = 0;
	if (b->weight.set && b->weight.value)
		r = bfq ? res_write_u64(dir, "io.bfq.weight", b->weight.value, F "weight", err)
		        : res_write_u64(dir, "io.weight", res_io_weight(b->weight.value),
		                        F "weight", err);
	for (size_t i = 0; r >= 0 && i < b->weight_device.len; i++) {
		const struct spec_weight_device *w = &b->weight_device.items[i];
		char field[80];
		snprintf(field, sizeof(field), F "weightDevice[%zu]", i);
		if (!bfq)
			arca_warn("%s: no io.bfq.weight on this host; skipped", field);
		else if (w->weight.set && w->weight.value)
			r = write_dev(dir, "io.bfq.weight", w->major, w->minor, "", w->weight.value,
			              field, err);
	}
	if (b->leaf_weight.set && b->leaf_weight.value)
		arca_warn(F "leafWeight: cgroup v2 has no leaf weight; skipped");
	return r;
}

static int check(const struct spec_block_io *b, struct arca_error **err)
{
	for (size_t i = 0; i < b->weight_device.len; i++)
		if (!b->weight_device.items[i].weight.set &&
		    !b->weight_device.items[i].leaf_weight.set)
			return arca_fail_msg(err, EINVAL,
			                     "%sweightDevice[%zu]: neither weight nor "
			                     "leafWeight is given",
			                     F, i);
	return 0;
}

static bool any_set(const struct spec_block_io *b)
{
	return (b->weight.set && b->weight.value) || (b->leaf_weight.set && b->leaf_weight.value) ||
	       b->weight_device.len || b->throttle_read_bps_device.len ||
	       b->throttle_write_bps_device.len || b->throttle_read_iops_device.len ||
	       b->throttle_write_iops_device.len;
}

int res_apply_blkio(const struct cgroup *cg, const struct spec_block_io *b, struct arca_error **err)
{
	int r = check(b, err);
	if (r < 0 || !any_set(b))
		return r;
	struct res_dir d;
	/* v1's blkio is v2's io */
	r = res_find(cg, cgroup_find_controller(cg, "blkio") ? "blkio" : "io",
	             "linux.resources.blockIO", &d, err);
	if (r >= 0)
		r = d.v2 ? apply_v2(d.dir, b, err) : apply_v1(d.dir, b, err);
	return r >= 0 ? throttles(&d, b, err) : r;
}
