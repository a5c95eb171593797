"""Reads about prerequisites: which modules a learner must still complete before another one."""

from collections import deque

from ..models import ModulePage
from ..page_cache import cached_for_pages
from ..signals import completed_modules_requested
from .translations import canonical_page


def completed_module_ids(*, user, module_ids) -> set[int]:
    """Which of these modules the person has completed.

    Completion is a records fact and courses may not import records, so courses asks through a signal
    that records answers. With no receiver (records not installed) nothing counts as completed: a
    prerequisite then stays unmet rather than being skipped silently.
    """
    module_ids = list(module_ids)
    if not module_ids or not user.is_authenticated:
        return set()
    done: set[int] = set()
    for _receiver, answer in completed_modules_requested.send(sender=ModulePage, user=user, module_ids=module_ids):
        done |= set(answer or ())
    return done & set(module_ids)


def module_prerequisites(*, module: ModulePage) -> list[ModulePage]:
    """The published modules required before this one, in title order; a module never requires itself.

    Which ones is cached until the next publish (page_cache), so a module without prerequisites, the usual
    case, costs no query on every lesson.
    """
    # Asked through the table rather than module.prerequisites, so a preview's in-memory page works too.
    ids = cached_for_pages(
        ("prerequisites", module.pk),
        lambda: list(
            ModulePage.objects.live()
            .filter(required_by__pk=module.pk)
            .exclude(pk=module.pk)
            .values_list("pk", flat=True)
        ),
    )
    if not ids:
        return []
    return list(ModulePage.objects.live().filter(pk__in=ids).order_by("title", "pk"))


def missing_prerequisites(*, user, module: ModulePage) -> list[ModulePage]:
    """Published prerequisites the learner has not completed yet (all of them for an anonymous visitor).

    An unpublished prerequisite is ignored: nobody could complete it, so it must not lock learners out.
    At most two queries, however many prerequisites there are.
    """
    module = canonical_page(module)  # an English module requires what its Indonesian source requires
    required = module_prerequisites(module=module)
    if not required:
        return []
    done = completed_module_ids(user=user, module_ids=[module.pk, *(page.pk for page in required)])
    if module.pk in done:
        # Someone who completed the module keeps access to it when a prerequisite is added later.
        return []
    return [page for page in required if page.pk not in done]


def prerequisite_cycle(*, module: ModulePage, prerequisites) -> list[ModulePage]:
    """The cycle giving the module these prerequisites would close, as [module, ..., module]; [] when there is none.

    Reads every stored prerequisite edge in one query and walks them in memory (there are few), so a chain through
    drafts or unpublished modules counts too: publishing one of them later must not lock a module behind itself.
    """
    module = canonical_page(module)
    chosen = [canonical_page(page).pk for page in prerequisites]
    if module.pk is None or not chosen:
        return []
    if module.pk in chosen:
        return [module, module]
    edges: dict[int, list[int]] = {}
    through = ModulePage.prerequisites.through.objects.exclude(from_modulepage_id=module.pk)
    for source, target in through.values_list("from_modulepage_id", "to_modulepage_id").order_by("pk"):
        edges.setdefault(source, []).append(target)
    edges[module.pk] = chosen
    # Breadth first from the module: the first path back to it is the shortest cycle, the clearest to show.
    came_from: dict[int, int] = {}
    queue = deque([module.pk])
    while queue:
        current = queue.popleft()
        for target in edges.get(current, ()):
            if target == module.pk:
                path = [current]
                while path[-1] != module.pk:
                    path.append(came_from[path[-1]])
                ids = [module.pk, *reversed(path[:-1]), module.pk]
                pages = ModulePage.objects.in_bulk([pk for pk in ids if pk != module.pk])
                return [module if pk == module.pk else pages[pk] for pk in ids]
            if target not in came_from and target != module.pk:
                came_from[target] = current
                queue.append(target)
    return []
