import { PARTIES, type PartyName, type World } from './sync-world';

/**
 * The end state once everyone has synced: every change made anywhere is applied on the central server or held
 * there for a person, once; every outbox is empty; each party holds exactly the cases it may, as the server
 * has them, with the same events and the same open held operations.
 */
export function settledProblems(world: World): string[] {
  const problems: string[] = [];
  const { server } = world;
  for (const who of PARTIES) {
    const outbox = world.replicaOf(who).outbox;
    if (outbox.length) problems.push(`${who} still has ${outbox.length} operation(s) in its outbox`);
  }
  const eventCount = new Map<string, number>();
  for (const found of server.cases.values()) {
    for (const event of found.events) eventCount.set(event.id, (eventCount.get(event.id) ?? 0) + 1);
  }
  for (const [id, count] of eventCount) if (count > 1) problems.push(`event ${id} written ${count} times`);
  for (const { who, operation } of world.made) {
    const answered = server.answered.get(operation.opId);
    const what = `${operation.kind} ${operation.opId} made on ${who}`;
    if (!answered) {
      problems.push(`${what} never reached the server`);
      continue;
    }
    const { status } = answered.result;
    if (status === 'conflict' || status === 'attention') {
      if (!server.heldOps.some((held) => held.operation.opId === operation.opId && held.kind === status)) {
        problems.push(`${what} answered ${status} but not held`);
      }
    }
    if (operation.kind !== 'case') {
      // Pushed in dependency order: a case made offline reaches the server before anything recorded on it.
      const made = server.answered.get(operation.caseId);
      if (
        made &&
        world.made.some((entry) => entry.operation.opId === operation.caseId) &&
        made.order > answered.order
      ) {
        problems.push(`${what} was decided before its new case`);
      }
    }
    if (status === 'conflict' || status === 'attention') {
      continue;
    } else if (status !== 'applied') {
      problems.push(`${what} ended ${status}`);
    } else if (operation.kind === 'event' && !server.removed.has(operation.caseId)) {
      if (eventCount.get(operation.opId) !== 1) problems.push(`${what} applied but not written once`);
    } else if (operation.kind === 'case' && !server.removed.has(operation.opId) && !server.cases.has(operation.opId)) {
      problems.push(`${what} applied but the case is missing`);
    }
  }
  return problems;
}

/** What a party holds, and what it should hold after settling: the server's copy of its scope. */
export function holdings(world: World, who: PartyName) {
  const replica = world.replicaOf(who);
  const scope = [...world.finalScope(who)].sort();
  const open = world.server.heldOps.filter(
    (held) => held.status === 'open' && held.caseId !== null && scope.includes(held.caseId),
  );
  return {
    actual: {
      cases: Object.keys(replica.cases)
        .sort()
        .map((id) => replica.cases[id]),
      events: Object.keys(replica.events)
        .sort()
        .map((id) => replica.events[id]),
      marks: Object.keys(replica.marks)
        .sort()
        .map((id) => replica.marks[id]),
      held: replica.held.map((held) => held.id).sort(),
    },
    expected: {
      cases: scope.map((id) => world.server.cases.get(id)!.detail),
      events: scope.map((id) => world.server.cases.get(id)!.events),
      marks: scope.map((id) => {
        const { detail, events } = world.server.cases.get(id)!;
        return { caseId: id, seq: events.at(-1)?.seq ?? 0, version: detail.version };
      }),
      held: open.map((held) => held.id).sort(),
    },
  };
}
