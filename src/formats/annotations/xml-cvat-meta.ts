import type { XmlEvent } from './xml-events.js'

/** The people CVAT names for one job, task or project in `<meta>`. */
interface Scope {
  path: string
  id: string | null
  owner: string | null
  assignee: string | null
}

/** Where CVAT 1.1 puts jobs, tasks and projects: task export, job export, project export. */
const SCOPE_PATHS = new Set(['annotations/meta/task', 'annotations/meta/job', 'annotations/meta/project', 'annotations/meta/project/tasks/task'])

/**
 * Collects owner and assignee usernames from the `<meta>` block of a CVAT XML export (which comes
 * before every `<image>` and `<track>`) and answers who labelled a unit. CVAT writes
 * `<owner><username>u</username><email>…</email></owner>` and `<assignee></assignee>` when unset;
 * older exports may put the name directly in the element, which is accepted too. E-mail addresses
 * are never read.
 */
export class CvatPeople {
  private readonly open: Scope[] = []
  private readonly tasks: Scope[] = []
  private readonly tasksById = new Map<string, Scope>()
  private job: Scope | null = null
  private project: Scope | null = null

  /** Feed every event under annotations/meta. */
  observe(event: XmlEvent): void {
    if (event.kind === 'open') {
      if (SCOPE_PATHS.has(event.path)) this.openScope(event.path, event.name)
      return
    }
    const scope = this.open.at(-1)
    if (!scope) return
    if (event.path === scope.path) {
      this.open.pop()
      if (scope.id !== null && scope.path.endsWith('/task')) this.tasksById.set(scope.id, scope)
      return
    }
    const text = event.text.trim()
    if (!text) return
    switch (event.path.slice(scope.path.length + 1)) {
      case 'id':
        scope.id = text
        break
      case 'owner':
      case 'owner/username':
        scope.owner = text
        break
      case 'assignee':
      case 'assignee/username':
        scope.assignee = text
        break
    }
  }

  /**
   * The job's assignee, else the assignee of the unit's task (matched by `task_id`, or the only task),
   * else the project's; if none is assigned, the first owner in the same order; else null.
   */
  annotatorFor(taskId: string | undefined): string | null {
    const task = (taskId !== undefined ? this.tasksById.get(taskId) : undefined) ?? (this.tasks.length === 1 ? this.tasks[0]! : null)
    const chain = [this.job, task, this.project]
    for (const scope of chain) if (scope?.assignee) return scope.assignee
    for (const scope of chain) if (scope?.owner) return scope.owner
    return null
  }

  private openScope(path: string, name: string): void {
    const scope: Scope = { path, id: null, owner: null, assignee: null }
    this.open.push(scope)
    if (name === 'task') this.tasks.push(scope)
    else if (name === 'job') this.job = scope
    else this.project = scope
  }
}
