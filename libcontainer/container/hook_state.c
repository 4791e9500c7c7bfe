#include "container/hook_state.h"

#include "arca/cleanup.h"
#include "arca/log.h"

int hook_state_open(const struct container_record *rec, enum arca_status status, pid_t pid,
                    struct arca_error **err)
{
	_cleanup_state_ struct arca_state *state = NULL;
	_cleanup_free_ char *json = NULL;
	int r = state_public(rec, status, pid, &state, err);
	if (r == 0)
		r = arca_state_to_json(state, &json, err);
	return r < 0 ? r : hooks_state_memfd(json, err);
}

int hook_state_run(const struct spec *spec, enum hook_kind kind, const struct container_record *rec,
                   enum arca_status status, pid_t pid, struct arca_error **err)
{
	const struct spec_hook_list *list = hooks_of(spec, kind);
	if (!list)
		return 0;
	_cleanup_close_ int fd = hook_state_open(rec, status, pid, err);
	if (fd < 0)
		return arca_wrap(err, fd, "hooks.%s", hook_kind_name(kind));
	return hooks_run(list, kind, fd, err);
}

void hook_state_run_poststop(const struct spec *spec, const struct container_record *rec)
{
	const struct spec_hook_list *list = hooks_of(spec, HOOK_POSTSTOP);
	if (!list)
		return;
	struct arca_error *err = NULL;
	_cleanup_close_ int fd = hook_state_open(rec, ARCA_STATUS_STOPPED, 0, &err);
	if (fd < 0)
		arca_warn("hooks.poststop: %s", err ? err->msg : "no state");
	else
		hooks_run_warn(list, HOOK_POSTSTOP, fd);
	arca_error_free(err);
}
