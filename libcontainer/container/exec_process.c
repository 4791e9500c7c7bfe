/* The process `exec` runs: a `process` object from --process FILE, or the
 * config's process changed by the options, as runc builds it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "container/exec.h"
#include "spec/spec_json.h"
#include "spec/validate.h"

static int strv_append(struct arca_strv *v, const char *value)
{
	char **items = realloc(v->items, (v->len + 1) * sizeof(*items));
	if (!items)
		return -ENOMEM;
	v->items = items;
	items[v->len] = strdup(value);
	if (!items[v->len])
		return -ENOMEM;
	v->len++;
	return 0;
}

static int replace_args(struct arca_strv *args, char *const *values)
{
	for (size_t i = 0; i < args->len; i++)
		free(args->items[i]);
	args->len = 0;
	int r = 0;
	for (size_t i = 0; values[i] && r == 0; i++)
		r = strv_append(args, values[i]);
	return r;
}

/* --cap, as runc adds it: ambient only where the config grants inheritable
 * capabilities, since ambient ones need to be inheritable. */
static int add_caps(struct spec_process *p, const char *const *caps)
{
	if (!caps || !caps[0])
		return 0;
	if (!p->capabilities && !(p->capabilities = calloc(1, sizeof(*p->capabilities))))
		return -ENOMEM;
	struct spec_capabilities *c = p->capabilities;
	bool ambient = c->inheritable.len > 0;
	int r = 0;
	for (size_t i = 0; caps[i] && r == 0; i++) {
		if ((r = strv_append(&c->bounding, caps[i])) == 0 &&
		    (r = strv_append(&c->effective, caps[i])) == 0)
			r = strv_append(&c->permitted, caps[i]);
		if (r == 0 && ambient)
			r = strv_append(&c->ambient, caps[i]);
	}
	return r;
}

static int add_gids(struct arca_u32v *gids, const uint32_t *add, size_t n)
{
	if (n == 0)
		return 0;
	uint32_t *items = realloc(gids->items, (gids->len + n) * sizeof(*items));
	if (!items)
		return -ENOMEM;
	memcpy(items + gids->len, add, n * sizeof(*items));
	gids->items = items;
	gids->len += n;
	return 0;
}

static int replace_string(char **field, const char *value)
{
	if (!value)
		return 0;
	char *copy = strdup(value);
	if (!copy)
		return -ENOMEM;
	free(*field);
	*field = copy;
	return 0;
}

static int apply_options(const struct arca_exec_opts *o, struct spec_process *p)
{
	int r = replace_args(&p->args, o->args);
	if (r == 0)
		r = replace_string(&p->cwd, o->cwd);
	if (r == 0)
		r = replace_string(&p->apparmor_profile, o->apparmor_profile);
	if (r == 0)
		r = replace_string(&p->selinux_label, o->selinux_label);
	for (size_t i = 0; r == 0 && o->env && o->env[i]; i++)
		r = strv_append(&p->env, o->env[i]);
	if (r == 0)
		r = add_caps(p, o->caps);
	if (r == 0)
		r = add_gids(&p->user.additional_gids, o->add_gids, o->n_add_gids);
	if (o->set_uid)
		p->user.uid = o->uid;
	if (o->set_gid)
		p->user.gid = o->gid;
	p->terminal = o->tty;
	p->no_new_privileges = p->no_new_privileges || o->no_new_privs;
	return r;
}

int exec_process_build(const struct arca_exec_opts *opts, struct spec *config,
                       struct spec_process **out, struct arca_error **err)
{
	if (opts->process_file)
		return spec_load_process(opts->process_file, out, err);
	if (!opts->args || !opts->args[0])
		return arca_fail_msg(err, EINVAL, "no command given (COMMAND or --process FILE)");
	if (!config->process)
		return arca_fail_msg(
		    err, EINVAL, "config.json has no process to start from: use --process FILE");
	_cleanup_spec_process_ struct spec_process *p = TAKE_PTR(config->process);
	int r = apply_options(opts, p);
	if (r < 0)
		return arca_fail(err, -r, "build the process");
	r = spec_validate_process(p, "process.", err);
	if (r < 0)
		return r;
	*out = TAKE_PTR(p);
	return 0;
}
