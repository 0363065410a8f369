// What the two pipeline floors (pipeline-floor.mjs, pipeline-floor-nested.mjs) share: the watch delivered in
// chunks of 1,024 events, and the last stage, a listener's buffer drained into one counting handler.
// - `deliverInChunks(events, onEvent, processQueue)`: onEvent for each event, then processQueue, per chunk.
// - `countingListener(counts)`: `notify(obj, old)` buffers an add (no old object), an update, or a same-RV
//   update (isSameVersion); `notifyDelete(obj)` a delete; `drain()` calls the handler for each, in order,
//   and empties the buffer. The handler counts like client-node's: an update counts when it hands over a
//   new object (a relist's unchanged item is the very object already cached).
export const CHUNK = 1024;

export function deliverInChunks(events, onEvent, processQueue) {
  for (let start = 0; start < events.length; start += CHUNK) {
    const end = Math.min(events.length, start + CHUNK);
    for (let i = start; i < end; i++) onEvent(events[i]);
    processQueue();
  }
}

const ADD = 0, UPDATE = 1, DELETE = 2, SYNC = 3;

export function countingListener(counts) {
  const handler = {
    add() { counts.adds++; },
    update(oldObj, newObj) { if (oldObj !== newObj) counts.updates++; },
    delete() { counts.deletes++; },
  };
  const buffer = [];    // [kind, obj, old] packed
  return {
    notify(obj, old) {
      if (old === undefined) buffer.push(ADD, obj, undefined);
      else buffer.push(old.metadata.resourceVersion === obj.metadata.resourceVersion ? SYNC : UPDATE, obj, old);
    },
    notifyDelete(obj) { buffer.push(DELETE, obj, undefined); },
    drain() {
      for (let i = 0; i < buffer.length; i += 3) {
        const kind = buffer[i];
        if (kind === ADD) handler.add(buffer[i + 1]);
        else if (kind === DELETE) handler.delete(buffer[i + 1]);
        else handler.update(buffer[i + 2], buffer[i + 1]);
      }
      buffer.length = 0;
    },
  };
}
