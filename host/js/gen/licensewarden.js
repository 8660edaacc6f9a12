"use components";
export function instantiate(getCoreModule, imports, instantiateCore = WebAssembly.instantiate) {
  
  let dv = new DataView(new ArrayBuffer());
  const dataView = mem => dv.buffer === mem.buffer ? dv : dv = new DataView(mem.buffer);
  
  function toUint64(val) {
    const converted = BigInt(val)
    
    return BigInt.asUintN(64, converted);
  }
  
  
  function toUint16(val) {
    
    val >>>= 0;
    val %= 2 ** 16;
    return val;
  }
  
  
  function toUint32(val) {
    
    return val >>> 0;
  }
  
  
  function _isValidNumericPrimitive(ty, v) {
    if (v === undefined || v === null) { return false; }
    switch (ty) {
      case 'bool':
      return v === 0 || v === 1;
      break;
      case 'u8':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;
      break;
      case 's8':
      return typeof v === 'number' && Number.isInteger(v) && v >= -128 && v <= 127;
      break;
      case 'u16':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535;
      break;
      case 's16':
      return typeof v === 'number' && Number.isInteger(v) && v >= -32768 && v <= 32767;
      case 'u32':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4_294_967_295;
      case 's32':
      return typeof v === 'number' && Number.isInteger(v) && v >= -2_147_483_648 && v <= 2_147_483_647;
      case 'u64':
      return typeof v === 'bigint' && v >= 0 && v <= 18_446_744_073_709_551_615n;
      case 's64':
      return typeof v === 'bigint' && v >= -9223372036854775808n && v <= 9223372036854775807n;
      break;
      case 'f32':
      case 'f64': return typeof v === 'number';
      default:
      return false;
    }
    return true;
  }
  
  function _requireValidNumericPrimitive(ty, v) {
    if (v === undefined  || v === null || !_isValidNumericPrimitive(ty, v)) {
      throw new TypeError(`invalid ${ty} value [${v}]`);
    }
    return true;
  }
  const utf16Decoder = new TextDecoder('utf-16');
  
  const isLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  
  function _utf16AllocateAndEncode(str, realloc, memory) {
    const len = str.length;
    const ptr = realloc(0, 0, 2, len * 2);
    const out = new Uint16Array(memory.buffer, ptr, len);
    let i = 0;
    if (isLE) {
      while (i < len) { out[i] = str.charCodeAt(i++); }
    } else {
      while (i < len) {
        const ch = str.charCodeAt(i);
        out[i++] = (ch & 0xff) << 8 | ch >>> 8;
      }
    }
    return { ptr, len, codepoints: [...str].length };
  }
  
  const TEXT_DECODER_UTF8 = new TextDecoder();
  const TEXT_ENCODER_UTF8 = new TextEncoder();
  
  function _utf8AllocateAndEncode(s, realloc, memory) {
    if (typeof s !== 'string') {
      throw new TypeError('expected a string, received [' + typeof s + ']');
    }
    if (s.length === 0) { return { ptr: 1, len: 0 }; }
    // Compute the exact allocation size up front. Some older preview1
    // adapters only support an initial allocation, not a subsequent shrink.
    let len = 0;
    let codepoints = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      codepoints++;
      if (ch < 0x80) { len += 1; }
      else if (ch < 0x800) { len += 2; }
      else if (ch >= 0xd800 && ch <= 0xdbff &&
      i + 1 < s.length &&
      (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        len += 4;
        i++;
      } else { len += 3; }
    }
    const ptr = realloc(0, 0, 1, len);
    const { read, written } = TEXT_ENCODER_UTF8.encodeInto(
    s,
    new Uint8Array(memory.buffer, ptr, len),
    );
    if (read !== s.length || written !== len) {
      throw new Error('failed to encode whole string');
    }
    const res = { ptr, len, codepoints };
    return res;
  }
  
  let RESOURCE_SCOPE_ID = 0;
  const RESOURCE_SCOPE_TASKS = new Map();
  const ASYNC_TASKS_BY_COMPONENT_IDX = new Map();
  const ASYNC_CURRENT_COMPONENT_IDXS = [];
  
  function getCurrentTask(componentIdx, taskID) {
    let usedGlobal = false;
    if (componentIdx === undefined || componentIdx === null) {
      throw new Error('missing component idx'); // TODO(fix)
      // componentIdx = ASYNC_CURRENT_COMPONENT_IDXS.at(-1);
      // usedGlobal = true;
    }
    
    const taskMetas = ASYNC_TASKS_BY_COMPONENT_IDX.get(componentIdx);
    if (taskMetas === undefined || taskMetas.length === 0) { return undefined; }
    
    if (taskID) {
      return taskMetas.find(meta => meta.task.id() === taskID);
    }
    
    const taskMeta = taskMetas[taskMetas.length - 1];
    if (!taskMeta || !taskMeta.task) { return undefined; }
    
    return taskMeta;
  }
  const ASYNC_CURRENT_TASK_IDS = [];
  
  const _debugLog = () => {};
  
  function clearCurrentTask(componentIdx, taskID) {
    
    
    if (componentIdx === undefined || componentIdx === null) {
      throw new Error('missing/invalid component instance index while ending current task');
    }
    
    const tasks = ASYNC_TASKS_BY_COMPONENT_IDX.get(componentIdx);
    if (!tasks || !Array.isArray(tasks)) {
      throw new Error('missing/invalid tasks for component instance while ending task');
    }
    if (tasks.length == 0) {
      throw new Error(`no current tasks for component instance [${componentIdx}] while ending task`);
    }
    
    if (taskID !== undefined) {
      const last = tasks[tasks.length - 1];
      if (last.id !== taskID) {
        // throw new Error('current task does not match expected task ID');
        return;
      }
    }
    
    ASYNC_CURRENT_TASK_IDS.pop();
    ASYNC_CURRENT_COMPONENT_IDXS.pop();
    
    const taskMeta = tasks.pop();
    return taskMeta.task;
  }
  const ASYNC_STATE = new Map();
  
  function promiseWithResolvers() {
    if (Promise.withResolvers) {
      return Promise.withResolvers();
    } else {
      let resolve;
      let reject;
      const promise = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    }
  }
  
  class Waitable {
    #componentIdx;
    
    #pendingEventFn = null;
    
    #promise;
    #resolve;
    #reject;
    
    #waitableSet = null;
    
    #hasSyncWaiter = false;
    
    #idx = null; // to component-global waitables
    
    target;
    
    constructor(args) {
      const { componentIdx, target } = args;
      this.#componentIdx = componentIdx;
      this.target = args.target;
      this.#resetPromise();
    }
    
    componentIdx() { return this.#componentIdx; }
    isInSet() { return this.#waitableSet !== null; }
    
    idx() { return this.#idx; }
    setIdx(idx) {
      if (idx === 0) { throw new Error("waitable idx cannot be zero"); }
      this.#idx = idx;
    }
    
    setTarget(tgt) { this.target = tgt; }
    
    #resetPromise() {
      const { promise, resolve, reject } = promiseWithResolvers()
      this.#promise = promise;
      this.#resolve = resolve;
      this.#reject = reject;
    }
    
    resolve() { this.#resolve(); }
    reject(err) { this.#reject(err); }
    promise() { return this.#promise; }
    
    hasPendingEvent() {
      // _debugLog('[Waitable#hasPendingEvent()]', {
        //     componentIdx: this.#componentIdx,
        //     waitable: this,
        //     waitableSet: this.#waitableSet,
        //     hasPendingEvent: this.#pendingEventFn !== null,
        // });
        return this.#pendingEventFn !== null;
      }
      
      setPendingEvent(fn) {
        
        this.#pendingEventFn = fn;
      }
      
      getPendingEvent() {
        
        if (this.#pendingEventFn === null) { return null; }
        const eventFn = this.#pendingEventFn;
        this.#pendingEventFn = null;
        const e = eventFn();
        this.#resetPromise();
        return e;
      }
      
      join(waitableSet) {
        
        
        if (this.#waitableSet === undefined) {
          throw new TypeError('waitable set must be not be undefined');
        }
        
        if (this.#waitableSet) {
          this.#waitableSet.removeWaitable(this);
        }
        
        this.#waitableSet = waitableSet;
        
        if (waitableSet) {
          this.#waitableSet.addWaitable(this);
        }
      }
      
      drop() {
        
        if (this.hasPendingEvent()) {
          throw new Error('waitables with pending events cannot be dropped');
        }
        this.join(null);
      }
      
      async waitForPendingEvent(args) {
        const { cstate } = args;
        if (!cstate) { throw new TypeError('missing component state'); }
        
        if (this.#waitableSet !== null || this.#hasSyncWaiter) {
          throw new Error("waitable is already in a set/has a sync waiter");
        }
        this.#hasSyncWaiter = true;
        await cstate.waitUntil({
          cancellable: false,
          readyFn: () => this.hasPendingEvent(),
        });
        this.#hasSyncWaiter = false;
      }
      
    }
    const INSTANCE_FLAGS = new Map();
    const STORE_TRAP = { error: null };
    const STORE_ASYNC_STATE = { deadlockCheck: null, pendingHostOperations: 0 };
    const WebAssemblyRuntimeError = WebAssembly.RuntimeError;
    
    function _checkForDeadlock() {
      if (STORE_ASYNC_STATE.deadlockCheck !== null || STORE_TRAP.error !== null) { return; }
      STORE_ASYNC_STATE.deadlockCheck = setTimeout(() => {
        STORE_ASYNC_STATE.deadlockCheck = null;
        if (STORE_TRAP.error !== null || STORE_ASYNC_STATE.pendingHostOperations > 0) { return; }
        
        const suspendedTasks = new Set();
        for (const state of ASYNC_STATE.values()) {
          if (state.hasPendingSchedulerWork()) {
            state.runTickLoop();
            return;
          }
          for (const meta of state.suspendedTaskMetas()) {
            suspendedTasks.add(meta.task);
          }
        }
        
        const unresolvedRoots = new Set();
        for (const task of suspendedTasks) {
          const root = task.getRootTask();
          if (!root.isResolvedState()) { unresolvedRoots.add(root); }
        }
        if (unresolvedRoots.size === 0) { return; }
        
        const err = new WebAssemblyRuntimeError('wasm trap: deadlock detected: event loop cannot make further progress');
        // Which tasks were waiting, and on whose behalf. The message stays
        // exactly what the Canonical ABI calls for, so this rides alongside
        // it: a deadlock reported from a real program is otherwise a bare
        // sentence, and the state that produced it is gone by the time
        // anyone reads the failure.
        err.deadlockDetail = {
          pendingHostOperations: STORE_ASYNC_STATE.pendingHostOperations,
          suspendedTasks: [...suspendedTasks].map((task) => ({
            taskID: task.id(),
            componentIdx: task.componentIdx(),
            state: task.taskState(),
            rootTaskID: task.getRootTask().id(),
          })),
          unresolvedRootTaskIDs: [...unresolvedRoots].map((root) => root.id()),
        };
        STORE_TRAP.error = err;
        for (const root of unresolvedRoots) {
          root.setErrored(err);
          root.reject(err);
        }
        for (const task of suspendedTasks) {
          if (!task.isResolvedState() && unresolvedRoots.has(task.getRootTask())) {
            task.setErrored(err);
            task.reject(err);
          }
        }
        for (const state of ASYNC_STATE.values()) { state.runTickLoop(); }
      }, 0);
    }
    
    const CORE_TRAP_MESSAGES = new Map([
    ['unreachable', "wasm trap: wasm `unreachable` instruction executed"],
    ['memory access out of bounds', "wasm trap: out of bounds memory access"],
    ['divide by zero', "wasm trap: integer divide by zero"],
    ['remainder by zero', "wasm trap: integer divide by zero"],
    ['divide result unrepresentable', "wasm trap: integer overflow"],
    ['float unrepresentable in integer range', "wasm trap: invalid conversion to integer"],
    ['table index is out of bounds', "wasm trap: undefined element: out of bounds table access"],
    ['function signature mismatch', "wasm trap: indirect call type mismatch"],
    ['call stack exhausted', "wasm trap: call stack exhausted"],
    ]);
    function _normalizeCoreTrap(err) {
      if (!(err instanceof WebAssemblyRuntimeError)) { return err; }
      const message = CORE_TRAP_MESSAGES.get(err.message);
      if (message !== undefined) { err.message = message; }
      return err;
    }
    
    class RepTable {
      // Sentinel marking a freed slot; the freelist link for a freed slot
      // lives in the odd cell. This keeps get()/contains()/remove() on freed
      // reps well-defined (previously they returned/corrupted freelist links).
      static FREE = Symbol('RepTable.free');
      
      #data = [0, null];
      #size = 0;
      #target;
      
      constructor(args) {
        this.target = args?.target;
      }
      
      data() { return this.#data; }
      
      insert(val) {
        
        const freeIdx = this.#data[0];
        if (freeIdx === 0) {
          this.#data.push(val);
          this.#data.push(null);
          const rep = (this.#data.length >> 1) - 1;
          
          this.#size += 1;
          return rep;
        }
        const placementIdx = freeIdx << 1;
        if (this.#data[placementIdx] !== RepTable.FREE) {
          throw new Error('corrupt rep table freelist: head does not point at a freed slot');
        }
        this.#data[0] = this.#data[placementIdx + 1];
        this.#data[placementIdx] = val;
        this.#data[placementIdx + 1] = null;
        
        this.#size += 1;
        return freeIdx;
      }
      
      get(rep) {
        
        if (rep === 0) { throw new Error('invalid resource rep during get, (cannot be 0)'); }
        
        const baseIdx = rep << 1;
        const val = this.#data[baseIdx];
        if (val === RepTable.FREE) { return undefined; }
        return val;
      }
      
      contains(rep) {
        
        if (rep === 0) { throw new Error('invalid resource rep during contains, (cannot be 0)'); }
        
        const baseIdx = rep << 1;
        const val = this.#data[baseIdx];
        return val !== RepTable.FREE && !!val;
      }
      
      remove(rep) {
        
        if (rep === 0) { throw new Error('invalid resource rep during remove, (cannot be 0)'); }
        if (this.#data.length === 2) { throw new Error('invalid'); }
        
        const baseIdx = rep << 1;
        if (baseIdx >= this.#data.length) {
          throw new Error(`invalid rep [${rep}] during remove, out of range`);
        }
        const val = this.#data[baseIdx];
        if (val === RepTable.FREE) {
          throw new Error(`double removal of rep [${rep}] (already freed)`);
        }
        
        this.#data[baseIdx] = RepTable.FREE;
        this.#data[baseIdx + 1] = this.#data[0];
        this.#data[0] = rep;
        this.#size -= 1;
        
        return val;
      }
      
      size() { return this.#size; }
      
      clear() {
        
        this.#data = [0, null];
      }
    }
    
    class ComponentAsyncState {
      static EVENT_HANDLER_EVENTS = [ 'backpressure-change' ];
      
      static TickResult = {
        // no suspended tasks remain
        DONE: 'done',
        // a suspended task was resumed (more may be ready)
        RESUMED: 'resumed',
        // suspended tasks remain but none were ready
        IDLE: 'idle',
      };
      
      #componentIdx;
      #callingAsyncImport = false;
      #syncImportWait = promiseWithResolvers();
      #lockHolderTaskID = null;
      #lockWaiters = [];
      #lockHandoffScheduled = false;
      #pendingTaskStarts = 0;
      #parkedTasks = new Map();
      #suspendedTasksByTaskID = new Map();
      #suspendedTaskIDs = [];
      #errored = null;
      #trapped = false;
      #backpressure = 0;
      #backpressureWaiters = 0n;
      
      #handlerMap = new Map();
      #nextHandlerID = 0n;
      
      #tickLoop = null;
      #tickLoopInterval = null;
      
      #onExclusiveReleaseHandlers = [];
      
      #mayLeave = true;
      
      handles;
      subtasks;
      
      constructor(args) {
        this.#componentIdx = args.componentIdx;
        this.handles = new RepTable({ target: `component [${this.#componentIdx}] handles (waitable objects)` });
        this.subtasks = new RepTable({ target: `component [${this.#componentIdx}] subtasks` });
      };
      
      componentIdx() { return this.#componentIdx; }
      
      get mayLeave() {
        const flags = INSTANCE_FLAGS.get(this.#componentIdx);
        return flags === undefined ? this.#mayLeave : flags.value === 1;
      }
      set mayLeave(value) {
        if (typeof value !== 'boolean') { throw new TypeError('mayLeave must be a boolean'); }
        this.#mayLeave = value;
        const flags = INSTANCE_FLAGS.get(this.#componentIdx);
        if (flags !== undefined) { flags.value = value ? 1 : 0; }
      }
      
      errored() { return this.#errored !== null; }
      setErrored(err) {
        
        if (this.#errored) { return; }
        if (!err) {
          err = new Error('error elswehere (see other component instance error)')
          err.componentIdx = this.#componentIdx;
        }
        this.#errored = err;
      }
      
      markTrapped(err) {
        if (!(err instanceof WebAssemblyRuntimeError)) {
          return false;
        }
        err = _normalizeCoreTrap(err);
        this.#trapped = true;
        
        if (STORE_TRAP.error === null) { STORE_TRAP.error = err; }
        return true;
      }
      
      throwIfTrapped() {
        if (this.#trapped) {
          throw new WebAssemblyRuntimeError("wasm trap: cannot enter component instance");
        }
      }
      
      callingSyncImport(val) {
        if (val === undefined) { return this.#callingAsyncImport; }
        if (typeof val !== 'boolean') { throw new TypeError('invalid setting for async import'); }
        const prev = this.#callingAsyncImport;
        this.#callingAsyncImport = val;
        if (prev === true && this.#callingAsyncImport === false) {
          this.#notifySyncImportEnd();
        }
      }
      
      #notifySyncImportEnd() {
        const existing = this.#syncImportWait;
        this.#syncImportWait = promiseWithResolvers();
        existing.resolve();
      }
      
      async waitForSyncImportCallEnd() {
        await this.#syncImportWait.promise;
      }
      
      setBackpressure(v) {
        this.#backpressure = v;
        return this.#backpressure
      }
      getBackpressure() { return this.#backpressure; }
      
      incrementBackpressure() {
        const current = this.#backpressure;
        if (current < 0 || current > 2**16) {
          throw new Error(`invalid current backpressure value [${current}]`);
        }
        const newValue = this.getBackpressure() + 1;
        if (newValue >= 2**16) {
          throw new Error(`invalid new backpressure value [${newValue}], overflow`);
        }
        return this.setBackpressure(newValue);
      }
      
      decrementBackpressure() {
        const current = this.#backpressure;
        if (current < 0 || current > 2**16) {
          throw new Error(`invalid current backpressure value [${current}]`);
        }
        const newValue = Math.max(0, current - 1);
        if (newValue < 0) {
          throw new Error(`invalid new backpressure value [${newValue}], underflow`);
        }
        return this.setBackpressure(newValue);
      }
      hasBackpressure() { return this.#backpressure > 0; }
      
      waitForBackpressure() {
        let backpressureCleared = false;
        const cstate = this;
        cstate.addBackpressureWaiter();
        const handlerID = this.registerHandler({
          event: 'backpressure-change',
          fn: (bp) => {
            if (bp === 0) {
              cstate.removeHandler(handlerID);
              backpressureCleared = true;
            }
          }
        });
        return new Promise((resolve) => {
          const interval = setInterval(() => {
            if (backpressureCleared) { return; }
            clearInterval(interval);
            cstate.removeBackpressureWaiter();
            resolve(null);
          }, 0);
        });
      }
      
      registerHandler(args) {
        const { event, fn } = args;
        if (!event) { throw new Error("missing handler event"); }
        if (!fn) { throw new Error("missing handler fn"); }
        
        if (!ComponentAsyncState.EVENT_HANDLER_EVENTS.includes(event)) {
          throw new Error(`unrecognized event handler [${event}]`);
        }
        
        const handlerID = this.#nextHandlerID++;
        let handlers = this.#handlerMap.get(event);
        if (!handlers) {
          handlers = [];
          this.#handlerMap.set(event, handlers)
        }
        
        handlers.push({ id: handlerID, fn, event });
        return handlerID;
      }
      
      removeHandler(args) {
        const { event, handlerID } = args;
        const registeredHandlers = this.#handlerMap.get(event);
        if (!registeredHandlers) { return; }
        const found = registeredHandlers.find(h => h.id === handlerID);
        if (!found) { return; }
        this.#handlerMap.set(event, this.#handlerMap.get(event).filter(h => h.id !== handlerID));
      }
      
      getBackpressureWaiters() { return this.#backpressureWaiters; }
      addBackpressureWaiter() { this.#backpressureWaiters++; }
      removeBackpressureWaiter() {
        this.#backpressureWaiters--;
        if (this.#backpressureWaiters < 0) {
          throw new Error("unexepctedly negative number of backpressure waiters");
        }
      }
      
      // The per-slice mutual-exclusion lock for guest execution in this
      // component instance. Guest slices (callback invocations and
      // sync-lifted bodies) must be atomic per component even across the
      // JSPI suspensions jco introduces for host imports: wit-bindgen's
      // executors publish per-task state in single linear-memory cells
      // (the wasip3-task pointer, context-local storage discipline) that
      // an interleaved slice of the same component corrupts
      //
      // The lock is *owned*: acquisition records the holder task and
      // release is a no-op for anyone else, so a task exiting can no
      // longer drop a hold it does not own (blind acquire/release-any
      // was the previous discipline). Contended acquisition queues
      // FIFO; release hands the lock to the next waiter directly.
      isExclusivelyLocked() { return this.#lockHolderTaskID !== null; }
      exclusivelyLockedBy(taskID) { return this.#lockHolderTaskID === taskID; }
      
      exclusiveLock(taskID) {
        
        if (taskID === undefined || taskID === null) {
          throw new Error('exclusive lock requires the acquiring task id');
        }
        if (this.#lockHolderTaskID !== null) {
          throw new Error(`component [${this.#componentIdx}] exclusive lock held by task [${this.#lockHolderTaskID}], requested by [${taskID}]`);
        }
        this.#lockHolderTaskID = taskID;
      }
      
      // Awaitable acquisition: takes the lock immediately when free,
      // otherwise queues FIFO behind the current holder and earlier
      // waiters. The resolved promise implies ownership.
      acquireExclusiveLock(taskID) {
        if (taskID === undefined || taskID === null) {
          throw new Error('exclusive lock requires the acquiring task id');
        }
        if (this.#lockHolderTaskID === null) {
          this.#lockHolderTaskID = taskID;
          
          return;
        }
        if (this.#lockHolderTaskID === taskID) {
          throw new Error(`task [${taskID}] already holds the lock for component [${this.#componentIdx}]`);
        }
        
        return new Promise((resolve) => {
          this.#lockWaiters.push({ taskID, resolve });
        });
      }
      
      exclusiveRelease(taskID) {
        
        if (this.#lockHolderTaskID !== taskID) {
          // Ownerless releases were the historical behavior; a foreign
          // release now leaves the hold intact
          
          return false;
        }
        
        // Make the release observable before handing the lock to the next
        // asynchronous guest slice.
        //
        // Release handlers may expose a lifted value whose consumer immediately
        // performs a synchronous call on the same component; that call must run
        // while the instance is genuinely unlocked, not via enterSync's
        // lock-free fallback code.
        this.#lockHolderTaskID = null;
        
        this.#onExclusiveReleaseHandlers = this.#onExclusiveReleaseHandlers.filter(v => !!v);
        for (const [idx, f] of this.#onExclusiveReleaseHandlers.entries()) {
          try {
            this.#onExclusiveReleaseHandlers[idx] = null;
            f();
          } catch (err) {
            
            throw err;
          }
        }
        this.#scheduleLockHandoff();
        return true;
      }
      
      #scheduleLockHandoff() {
        if (this.#lockHandoffScheduled || this.#lockWaiters.length === 0) { return; }
        this.#lockHandoffScheduled = true;
        queueMicrotask(() => {
          this.#lockHandoffScheduled = false;
          // A synchronous call triggered by a release handler gets the
          // first opportunity to use the unlocked component.
          //
          // Its release will leave this queued handoff in place.
          if (this.#lockHolderTaskID !== null) {
            this.#scheduleLockHandoff();
            return;
          }
          const next = this.#lockWaiters.shift();
          if (!next) { return; }
          this.#lockHolderTaskID = next.taskID;
          next.resolve();
        });
      }
      
      onNextExclusiveRelease(fn) {
        
        this.#onExclusiveReleaseHandlers.push(fn);
      }
      
      async waitForExclusiveRelease() {
        while (this.isExclusivelyLocked()) {
          await new Promise(resolve => this.onNextExclusiveRelease(resolve));
        }
      }
      
      #getSuspendedTaskMeta(taskID) {
        return this.#suspendedTasksByTaskID.get(taskID);
      }
      
      #removeSuspendedTaskMeta(taskID) {
        
        const idx = this.#suspendedTaskIDs.findIndex(t => t === taskID);
        const meta = this.#suspendedTasksByTaskID.get(taskID);
        this.#suspendedTaskIDs[idx] = null;
        this.#suspendedTasksByTaskID.delete(taskID);
        return meta;
      }
      
      #addSuspendedTaskMeta(meta) {
        if (!meta) { throw new Error('missing task meta'); }
        const taskID = meta.taskID;
        this.#suspendedTasksByTaskID.set(taskID, meta);
        this.#suspendedTaskIDs.push(taskID);
        if (this.#suspendedTasksByTaskID.size < this.#suspendedTaskIDs.length - 10) {
          this.#suspendedTaskIDs = this.#suspendedTaskIDs.filter(t => t !== null);
        }
      }
      
      // TODO(threads): readyFn is normally on the thread
      suspendTask(args) {
        const { task, readyFn, cancellable, onResume } = args;
        const taskID = task.id();
        const componentIdx = task.componentIdx();
        
        
        if (componentIdx !== this.#componentIdx) {
          throw new Error('assert: task component idx should match async state');
        }
        
        if (this.#getSuspendedTaskMeta(taskID)) {
          throw new Error(`task [${taskID}] already suspended`);
        }
        
        let promise;
        let resume;
        if (onResume) {
          resume = () => onResume(!task.isCancelled());
        } else {
          const resolvers = promiseWithResolvers();
          promise = resolvers.promise;
          resume = () => resolvers.resolve(!task.isCancelled());
        }
        this.#addSuspendedTaskMeta({
          task,
          taskID,
          cancellable,
          readyFn,
          resume: () => {
            
            // TODO(threads): it's thread cancellation we should be checking for below, not task
            resume();
          },
        });
        
        // A caller synchronously driving one task quantum (for
        // example, subtask.cancel) waits for the resumed task to
        // either resolve or suspend again.
        task.notifyProgress();
        
        this.runTickLoop();
        _checkForDeadlock();
        
        return promise;
      }
      
      resumeTaskByID(taskID) {
        const meta = this.#removeSuspendedTaskMeta(taskID);
        if (!meta) { return false; }
        if (meta.taskID !== taskID) { throw new Error('task ID does not match'); }
        meta.resume();
        return true;
      }
      
      suspendedTaskReady(taskID) {
        const meta = this.#getSuspendedTaskMeta(taskID);
        if (!meta) { return false; }
        if (!meta.readyFn) {
          throw new Error(`suspended task [${taskID}] is missing a readiness function`);
        }
        return meta.task.isRejected() || meta.readyFn();
      }
      
      suspendedTaskCancellable(taskID) {
        return !!this.#getSuspendedTaskMeta(taskID)?.cancellable;
      }
      
      isTaskSuspended(taskID) {
        return this.#suspendedTasksByTaskID.has(taskID);
      }
      
      suspendedTaskMetas() {
        return this.#suspendedTasksByTaskID.values();
      }
      
      addPendingTaskStart() { this.#pendingTaskStarts++; }
      removePendingTaskStart() { this.#pendingTaskStarts--; }
      
      hasPendingSchedulerWork() {
        if (this.#pendingTaskStarts > 0) { return true; }
        if (this.#lockHandoffScheduled) { return true; }
        for (const meta of this.#suspendedTasksByTaskID.values()) {
          if (meta.task.isRejected() || meta.readyFn()) { return true; }
        }
        return false;
      }
      
      async runTickLoop() {
        if (this.#tickLoop !== null) { return; }
        this.#tickLoop = 1;
        setTimeout(async () => {
          let result = this.tick();
          while (result !== ComponentAsyncState.TickResult.DONE) {
            if (result === ComponentAsyncState.TickResult.IDLE) {
              _checkForDeadlock();
            }
            // After resuming a task, re-tick as soon as the resumed
            // slice's microtask continuations have drained (timeout 0)
            // so queued sibling resumptions aren't charged the idle
            // polling interval; otherwise poll at the idle cadence.
            const delay = result === ComponentAsyncState.TickResult.RESUMED ? 0 : 10;
            await new Promise((resolve) => setTimeout(resolve, delay));
            result = this.tick();
          }
          this.#tickLoop = null;
        }, 10);
      }
      
      tick() {
        // _debugLog('[ComponentAsyncState#tick()]', { suspendedTaskIDs: this.#suspendedTaskIDs });
        
        const resumableTasks = this.#suspendedTaskIDs.filter(t => t !== null);
        for (const taskID of resumableTasks) {
          const meta = this.#suspendedTasksByTaskID.get(taskID);
          if (!meta || !meta.readyFn) {
            throw new Error(`missing/invalid task despite ID [${taskID}] being present`);
          }
          
          // If the task failed via any means, allow the task to resume because
          // it's been cancelled -- the callback should immediately exit as well
          if (meta.task.isRejected()) {
            
            this.resumeTaskByID(taskID);
            return ComponentAsyncState.TickResult.RESUMED;
          }
          
          const isReady = meta.readyFn();
          if (!isReady) { continue; }
          
          
          this.resumeTaskByID(taskID);
          
          // NOTE: during single-flight resumption, we should resume at most one task per
          // tick so that the resumed slice (a microtask continuation)
          // runs -- and its current-task register window opens and
          // closes -- before any sibling task of this component is
          // resumed.
          //
          // Resuming multiple suspended tasks in one synchronous
          // cascade interleaves their register save/restore windows
          // ([restoreA, restoreB, resumeA, resumeB]), re-entering wasm
          // with the register naming the wrong task, and the
          // 'known residual' of the JSPI current-task register
          // fix); with concurrent task lifetimes per component this
          // corrupts guest context-local storage.
          return ComponentAsyncState.TickResult.RESUMED;
        }
        
        const idle = this.#suspendedTaskIDs.filter(t => t !== null).length > 0;
        return idle
        ? ComponentAsyncState.TickResult.IDLE
        : ComponentAsyncState.TickResult.DONE;
      }
      
      createWaitable(args) {
        return new Waitable({ target: args?.target, });
      }
    }
    
    function getOrCreateAsyncState(componentIdx, init) {
      if (!ASYNC_STATE.has(componentIdx)) {
        const newState = new ComponentAsyncState({ componentIdx });
        ASYNC_STATE.set(componentIdx, newState);
      }
      return ASYNC_STATE.get(componentIdx);
    }
    const GLOBAL_COMPONENT_MEMORY_MAP = new Map();
    
    function lookupMemoriesForComponent(args) {
      const { componentIdx } = args ?? {};
      if (args.componentIdx === undefined) { throw new TypeError("missing component idx"); }
      
      const metas = GLOBAL_COMPONENT_MEMORY_MAP.get(componentIdx);
      if (!metas) { return []; }
      
      if (args.memoryIdx === undefined) {
        return Object.values(metas);
      }
      
      const meta = metas[args.memoryIdx];
      return meta?.memory;
    }
    
    class AsyncSubtask {
      static _ID = 0n;
      
      static State = {
        STARTING: 0,
        STARTED: 1,
        RETURNED: 2,
        CANCELLED_BEFORE_STARTED: 3,
        CANCELLED_BEFORE_RETURNED: 4,
      };
      
      #id;
      #state = AsyncSubtask.State.STARTING;
      #componentIdx;
      
      #parentTask;
      #childTask = null;
      
      #dropped = false;
      #cancelRequested = false;
      
      #memoryIdx = null;
      #lenders = null;
      
      #waitable = null;
      
      #callbackFn = null;
      #callbackFnName = null;
      
      #postReturnFn = null;
      #onProgressFn = null;
      #pendingEventFn = null;
      
      #callMetadata = {};
      
      #resolved = false;
      
      #onResolveHandlers = [];
      #onStartHandlers = [];
      
      #result = null;
      #resultSet = false;
      
      fnName;
      target;
      isAsync;
      isManualAsync;
      // One execution slice awaited by the conditional cancel trampoline.
      cancelProgress = null;
      
      constructor(args) {
        if (typeof args.componentIdx !== 'number') {
          throw new Error('invalid componentIdx for subtask creation');
        }
        this.#componentIdx = args.componentIdx;
        
        this.#id = ++AsyncSubtask._ID;
        this.fnName = args.fnName;
        
        if (!args.parentTask) { throw new Error('missing parent task during subtask creation'); }
        this.#parentTask = args.parentTask;
        
        if (args.childTask) { this.#childTask = args.childTask; }
        
        if (args.memoryIdx) { this.#memoryIdx = args.memoryIdx; }
        
        if (!args.waitable) { throw new Error("missing/invalid waitable"); }
        this.#waitable = args.waitable;
        
        if (args.callMetadata) { this.#callMetadata = args.callMetadata; }
        
        this.#lenders = [];
        this.target = args.target;
        this.isAsync = args.isAsync;
        this.isManualAsync = args.isManualAsync;
      }
      
      id() { return this.#id; }
      parentTaskID() { return this.#parentTask?.id(); }
      childTaskID() { return this.#childTask?.id(); }
      state() { return this.#state; }
      
      waitable() { return this.#waitable; }
      waitableRep() { return this.#waitable.idx(); }
      
      join() { return this.#waitable.join(...arguments); }
      getPendingEvent() { return this.#waitable.getPendingEvent(...arguments); }
      hasPendingEvent() { return this.#waitable.hasPendingEvent(...arguments); }
      setPendingEvent() { return this.#waitable.setPendingEvent(...arguments); }
      
      setTarget(tgt) { this.target = tgt; }
      
      getResult() {
        if (!this.#resultSet) { throw new Error("subtask result has not been set") }
        return this.#result;
      }
      setResult(v) {
        if (this.#resultSet) { throw new Error("subtask result has already been set"); }
        this.#result = v;
        this.#resultSet = true;
      }
      
      componentIdx() { return this.#componentIdx; }
      
      setChildTask(t) {
        if (!t) { throw new Error('cannot set missing/invalid child task on subtask'); }
        if (this.#childTask) { throw new Error('child task is already set on subtask'); }
        if (this.#parentTask === t) { throw new Error("parent cannot be child"); }
        this.#childTask = t;
      }
      getChildTask(t) { return this.#childTask; }
      
      getParentTask() { return this.#parentTask; }
      
      setCallbackFn(f, name) {
        if (!f) { return; }
        if (this.#callbackFn) { throw new Error('callback fn can only be set once'); }
        this.#callbackFn = f;
        this.#callbackFnName = name;
      }
      
      getCallbackFnName() {
        if (!this.#callbackFn) { return undefined; }
        return this.#callbackFn.name;
      }
      
      setPostReturnFn(f) {
        if (!f) { return; }
        if (this.#postReturnFn) { throw new Error('postReturn fn can only be set once'); }
        this.#postReturnFn = f;
      }
      
      setOnProgressFn(f) {
        if (this.#onProgressFn) { throw new Error('on progress fn can only be set once'); }
        this.#onProgressFn = f;
      }
      
      isNotStarted() {
        return this.#state == AsyncSubtask.State.STARTING;
      }
      
      cancellationRequested() { return this.#cancelRequested; }
      
      // Request cooperative cancellation of this subtask, on behalf of the
      // supertask (i.e. `canon subtask.cancel`).
      //
      // If the callee is another guest task, the request is delivered to it and
      // the callee confirms via `task.cancel` (or still resolves via `task.return`).
      //
      // If the callee is a host function there is (currently) no host-side
      // cancellation hook, so the pending call is treated as immediately
      // cancelled -- consistent with hosts being expected to resolve
      // cancellation promptly -- and any later host resolution is discarded
      // (see `AsyncTask#onResolve`).
      requestCancellation() {
        
        if (this.#cancelRequested) {
          throw new Error('cancellation has already been requested for this subtask');
        }
        this.#cancelRequested = true;
        
        if (this.#resolved) { return; }
        
        if (this.#childTask) {
          this.#childTask.requestCancellation();
          return;
        }
        
        this.onResolve(null);
      }
      
      registerOnStartHandler(f) {
        this.#onStartHandlers.push(f);
      }
      
      onStart(args) {
        
        
        if (this.#onProgressFn) { this.#onProgressFn(); }
        
        // Starting a nested operation is a task execution boundary.
        // In particular, a cancellation handler may synchronously
        // enter an import which then suspends in the host.  Wake a
        // supertask that is driving one cancellation slice so an
        // async `subtask.cancel` can report BLOCKED without waiting
        // for that nested operation to finish.
        this.#parentTask.notifyProgress();
        
        this.#state = AsyncSubtask.State.STARTED;
        
        let result;
        
        // If we have been provided a helper start function as a result of
        // component fusion performed by wasmtime tooling, then we can call that helper and lifts/lowers will
        // be performed for us.
        //
        // See also documentation on `HostIntrinsic::PrepareCall`
        //
        if (this.#callMetadata.startFn) {
          result = this.#callMetadata.startFn.apply(null, args?.startFnParams ?? []);
        }
        
        return result;
      }
      
      
      registerOnResolveHandler(f) {
        this.#onResolveHandlers.push(f);
      }
      
      reject(subtaskErr) {
        if (this.#resolved) { return; }
        
        if (this.#onProgressFn) { this.#onProgressFn(); }
        
        if (this.#state === AsyncSubtask.State.STARTING) {
          this.#state = AsyncSubtask.State.CANCELLED_BEFORE_STARTED;
        } else if (this.#state === AsyncSubtask.State.STARTED) {
          this.#state = AsyncSubtask.State.CANCELLED_BEFORE_RETURNED;
        } else {
          throw new Error('cannot reject a completed subtask');
        }
        
        this.#resolved = true;
        this.#parentTask.removeSubtask(this);
        this.#parentTask.reject(subtaskErr);
      }
      
      onResolve(subtaskValue) {
        
        
        if (this.#resolved) {
          throw new Error('subtask has already been resolved');
        }
        
        if (this.#onProgressFn) { this.#onProgressFn(); }
        
        if (subtaskValue === null && this.#cancelRequested) {
          if (this.#state === AsyncSubtask.State.STARTING) {
            this.#state = AsyncSubtask.State.CANCELLED_BEFORE_STARTED;
          } else {
            if (this.#state !== AsyncSubtask.State.STARTED) {
              throw new Error('resolved subtask must have been started before cancellation');
            }
            this.#state = AsyncSubtask.State.CANCELLED_BEFORE_RETURNED;
          }
        } else {
          if (this.#state !== AsyncSubtask.State.STARTED) {
            throw new Error('resolved subtask must have been started before completion');
          }
          this.#state = AsyncSubtask.State.RETURNED;
        }
        
        this.setResult(subtaskValue);
        
        for (const f of this.#onResolveHandlers) {
          try {
            f(subtaskValue);
          } catch (err) {
            console.error("error during subtask resolve handler", err);
            throw err;
          }
        }
        
        const callMetadata = this.getCallMetadata();
        
        // TODO(fix): we should be able to easily have the caller's meomry
        // to lower into here, but it's not present in PrepareCall
        const memory = callMetadata.memory ?? this.#parentTask?.getReturnMemory() ?? lookupMemoriesForComponent({ componentIdx: this.#parentTask?.componentIdx() })[0];
        // NOTE: cancelled resolutions carry no value, so nothing is lowered
        const returned = this.#state === AsyncSubtask.State.RETURNED;
        if (returned && callMetadata && !callMetadata.returnFn && (this.isAsync || callMetadata.funcTypeIsAsync) && callMetadata.resultPtr && memory) {
          const { resultPtr, realloc } = callMetadata;
          const lowers = callMetadata.lowers; // may have been updated in task.return of the child
          if (lowers && lowers.length > 0) {
            lowers[0]({
              componentIdx: this.#componentIdx,
              memory,
              realloc,
              vals: [subtaskValue],
              storagePtr: resultPtr,
              stringEncoding: callMetadata.stringEncoding,
            });
          }
        }
        
        this.#resolved = true;
        this.#parentTask.removeSubtask(this);
        
        if (!this.isAsync) {
          this.deliverResolve();
          const rep = this.waitableRep();
          if (rep) {
            try {
              const removed = this.#getComponentState().handles.remove(rep);
              if (removed !== this) {
                throw new Error("unexpectedly received non-self Subtask from handle removal");
              }
              this.drop();
            } catch (err) {
              
            }
          }
        }
      }
      
      getStateNumber() { return this.#state; }
      isReturned() { return this.#state === AsyncSubtask.State.RETURNED; }
      
      getCallMetadata() { return this.#callMetadata; }
      
      isResolved() {
        if (this.#state === AsyncSubtask.State.STARTING
        || this.#state === AsyncSubtask.State.STARTED) {
          return false;
        }
        if (this.#state === AsyncSubtask.State.RETURNED
        || this.#state === AsyncSubtask.State.CANCELLED_BEFORE_STARTED
        || this.#state === AsyncSubtask.State.CANCELLED_BEFORE_RETURNED) {
          return true;
        }
        throw new Error('unrecognized internal Subtask state [' + this.#state + ']');
      }
      
      addLender(handle) {
        
        if (!Number.isNumber(handle)) { throw new Error('missing/invalid lender handle [' + handle + ']'); }
        
        if (this.#lenders.length === 0 || this.isResolved()) {
          throw new Error('subtask has no lendors or has already been resolved');
        }
        
        handle.lends++;
        this.#lenders.push(handle);
      }
      
      deliverResolve() {
        
        
        const cannotDeliverResolve = this.resolveDelivered() || !this.isResolved();
        if (cannotDeliverResolve) {
          throw new Error('subtask cannot deliver resolution twice, and the subtask must be resolved');
        }
        
        for (const lender of this.#lenders) {
          lender.lends--;
        }
        
        this.#lenders = null;
      }
      
      resolveDelivered() {
        
        if (this.#lenders === null && !this.isResolved()) {
          throw new Error('invalid subtask state, lenders missing and subtask has not been resolved');
        }
        return this.#lenders === null;
      }
      
      drop() {
        
        if (!this.#waitable) { throw new Error('missing/invalid inner waitable'); }
        if (!this.resolveDelivered()) {
          throw new Error('cannot drop a subtask which has not yet resolved');
        }
        if (this.#waitable) { this.#waitable.drop() }
        this.#dropped = true;
      }
      
      #getComponentState() {
        const state = getOrCreateAsyncState(this.#componentIdx);
        if (!state) {
          throw new Error('invalid/missing async state for component [' + componentIdx + ']');
        }
        return state;
      }
      
      getWaitableHandleIdx() {
        
        if (!this.#waitable) { throw new Error('missing/invalid waitable'); }
        return this.waitableRep();
      }
    }
    
    class FutureValue {
      #start;
      #settled;
      #hideThen = 0;
      #thenFn;
      
      constructor(start) {
        if (typeof start !== 'function') {
          throw new TypeError('future start operation must be a function');
        }
        this.#start = start;
        this.#thenFn = this.#then.bind(this);
      }
      
      get then() {
        return this.#hideThen === 0 ? this.#thenFn : undefined;
      }
      
      #read() {
        if (!this.#settled) {
          // The start operation resolves to a non-thenable box so a
          // future-valued payload cannot be assimilated by this Promise.
          this.#settled = Promise.resolve().then(this.#start);
        }
        return this.#settled;
      }
      
      resolveAsValue(resolve) {
        this.#hideThen++;
        try {
          resolve(this);
        } finally {
          this.#hideThen--;
        }
      }
      
      #deliver(resolve, value) {
        if (value instanceof FutureValue) {
          // Promise resolution reads `then` synchronously. Hide it only
          // for that lookup so resolving this layer yields the inner
          // FutureValue instead of recursively awaiting it.
          value.resolveAsValue(resolve);
          return;
        }
        resolve(value);
      }
      
      #then(resolve, reject) {
        return this.#read().then(
        box => this.#deliver(resolve, box.value),
        reject,
        );
      }
    }
    const ASYNC_DETERMINISM = 'random';
    const _coinFlip = () => { return Math.random() > 0.5; };
    
    const ASYNC_EVENT_CODE = {
      NONE: 0,
      SUBTASK: 1,
      STREAM_READ: 2,
      STREAM_WRITE: 3,
      FUTURE_READ: 4,
      FUTURE_WRITE: 5,
      TASK_CANCELLED: 6,
    };
    const CURRENT_TASK_META = {};
    
    function _withGlobalCurrentTaskMeta(args) {
      
      if (!args) { throw new TypeError('args missing'); }
      if (args.taskID === undefined) { throw new TypeError('missing task ID'); }
      if (args.componentIdx === undefined) { throw new TypeError('missing component idx'); }
      if (!args.fn) { throw new TypeError('missing fn'); }
      const { taskID, componentIdx, fn } = args;
      const previous = CURRENT_TASK_META[componentIdx] ?? null;
      const previousCurrent = CURRENT_TASK_META.current ?? null;
      
      try {
        CURRENT_TASK_META.current =
        CURRENT_TASK_META[componentIdx] = { taskID, componentIdx };
        return fn();
      } catch (err) {
        
        throw err;
      } finally {
        // Synchronous wrappers can nest without any intervening JS
        // scheduling. Restore the caller rather than clearing it so
        // helper core exports (for example fused return adapters) can
        // temporarily run under a different task of the same component.
        CURRENT_TASK_META[componentIdx] = previous;
        CURRENT_TASK_META.current = previousCurrent;
      }
    }
    
    async function _withGlobalCurrentTaskMetaAsync(args) {
      
      if (!args) { throw new TypeError('args missing'); }
      if (args.taskID === undefined) { throw new TypeError('missing task ID'); }
      if (args.componentIdx === undefined) { throw new TypeError('missing component idx'); }
      if (!args.fn) { throw new TypeError('missing fn'); }
      
      const { taskID, componentIdx, fn } = args;
      
      try {
        CURRENT_TASK_META.current =
        CURRENT_TASK_META[componentIdx] = { taskID, componentIdx };
        return await fn();
      } catch (err) {
        
        throw err;
      } finally {
        CURRENT_TASK_META[componentIdx] = null;
        if (CURRENT_TASK_META.current?.taskID === taskID) {
          CURRENT_TASK_META.current = null;
        }
      }
    }
    
    class AsyncTask {
      static _ID = 0n;
      
      static State = {
        INITIAL: 'initial',
        CANCELLED: 'cancelled',
        CANCEL_PENDING: 'cancel-pending',
        CANCEL_DELIVERED: 'cancel-delivered',
        RESOLVED: 'resolved',
      }
      
      static BlockResult = {
        CANCELLED: 'block.cancelled',
        NOT_CANCELLED: 'block.not-cancelled',
      }
      
      #id;
      #componentIdx;
      #state;
      #isAsync;
      #isManualAsync;
      #callingWasmExport = true;
      #lockFreeEntry = false;
      #preserveFutureResult;
      #entryFnName = null;
      
      #onResolveHandlers = [];
      #progressWaiters = [];
      #completionPromise = null;
      #completionValue;
      #completionReady = false;
      #settleCompletionPromise;
      #rejected = false;
      
      #exitPromise = null;
      #onExitHandlers = [];
      
      #memoryIdx = null;
      #memory = null;
      
      #callbackFn = null;
      #callbackFnName = null;
      
      #postReturnFn = null;
      
      #getCalleeParamsFn = null;
      #calleeIsAsync = null;
      
      #stringEncoding = null;
      
      #parentSubtask = null;
      
      #errHandling;
      
      #backpressurePromise;
      #backpressureWaiters = 0n;
      
      #returnLowerFns = null;
      
      #resourceScopeId;
      #resourceBorrowCount = 0;
      #resourceLenders = [];
      #resourceScopeExited = false;
      
      #subtasks = [];
      
      #entered = false;
      #exited = false;
      #errored = null;
      
      cancelled = false;
      cancelRequested = false;
      alwaysTaskReturn = false;
      
      returnCalls =  0;
      storage = [0, 0];
      tmpRetI64HighBits = 0|0;
      
      constructor(opts) {
        this.#id = ++AsyncTask._ID;
        this.#resourceScopeId = ++RESOURCE_SCOPE_ID;
        RESOURCE_SCOPE_TASKS.set(this.#resourceScopeId, this);
        
        if (opts?.componentIdx === undefined) {
          throw new TypeError('missing component id during task creation');
        }
        this.#componentIdx = opts.componentIdx;
        
        this.#state = AsyncTask.State.INITIAL;
        this.#isAsync = opts?.isAsync ?? false;
        this.#isManualAsync = opts?.isManualAsync ?? false;
        this.#preserveFutureResult = opts?.preserveFutureResult ?? false;
        this.#entryFnName = opts.entryFnName;
        // Tasks that execute guest slices (export calls, fused
        // callees) default to true; import-handler tasks pass false
        // explicitly (they run host code nested inside the caller's
        // already-locked slice).
        this.#callingWasmExport = opts?.callingWasmExport !== false;
        
        const {
          promise: completionPromise,
          resolve: resolveCompletionPromise,
          reject: rejectCompletionPromise,
        } = promiseWithResolvers();
        this.#completionPromise = completionPromise;
        // A nested rejection can reach the root task while its Wasm
        // entrypoint is still suspended, before the export wrapper awaits
        // this promise. Mark it handled immediately while preserving the
        // original rejected promise for the eventual caller.
        completionPromise.catch(() => {});
        
        let completionSettled = false;
        const settleCompletionPromise = () => {
          if (completionSettled || !this.#completionReady) { return; }
          completionSettled = true;
          if (this.#errored !== null) {
            rejectCompletionPromise(this.#errored);
          } else if (this.#rejected) {
            rejectCompletionPromise(this.#completionValue);
          } else if (
          this.#preserveFutureResult
          && this.#completionValue instanceof FutureValue
          ) {
            this.#completionValue.resolveAsValue(resolveCompletionPromise);
          } else {
            resolveCompletionPromise(this.#completionValue);
          }
        };
        
        this.#settleCompletionPromise = settleCompletionPromise;
        this.#onResolveHandlers.push((results) => {
          if (this.#parentSubtask !== null) { return; }
          if (!this.#isAsync && !this.#isManualAsync) { return; }
          this.#completionValue = results;
          this.#completionReady = true;
          // Publish after the current guest slice returns, so a trap
          // in that slice can still reject the call. Do not wait for
          // task exit: detached work may require further host calls
          // or consumption of a returned resource's stream.
        });
        
        const {
          promise: exitPromise,
          resolve: resolveExitPromise,
          reject: rejectExitPromise,
        } = promiseWithResolvers();
        this.#exitPromise = exitPromise;
        
        this.#onExitHandlers.push(() => {
          if (this.#parentSubtask === null && (this.#isAsync || this.#isManualAsync)) {
            settleCompletionPromise();
          }
          resolveExitPromise();
        });
        
        if (opts.callbackFn) { this.#callbackFn = opts.callbackFn; }
        if (opts.callbackFnName) { this.#callbackFnName = opts.callbackFnName; }
        
        if (opts.getCalleeParamsFn) { this.#getCalleeParamsFn = opts.getCalleeParamsFn; }
        if (opts.stringEncoding) { this.#stringEncoding = opts.stringEncoding; }
        
        if (opts.parentSubtask) { this.#parentSubtask = opts.parentSubtask; }
        
        
        if (opts.errHandling) { this.#errHandling = opts.errHandling; }
      }
      
      taskState() { return this.#state; }
      id() { return this.#id; }
      componentIdx() { return this.#componentIdx; }
      entryFnName() { return this.#entryFnName; }
      
      resourceScopeId() { return this.#resourceScopeId; }
      
      addBorrowedHandle() {
        if (this.#resourceScopeExited) {
          throw new Error('cannot add a borrow to an exited resource scope');
        }
        this.#resourceBorrowCount++;
      }
      
      removeBorrowedHandle() {
        if (this.#resourceBorrowCount === 0) {
          throw new Error('resource borrow count underflow');
        }
        this.#resourceBorrowCount--;
      }
      
      addResourceLender(table, handle) {
        if (this.#resourceScopeExited) {
          throw new Error('cannot add a lender to an exited resource scope');
        }
        this.#resourceLenders.push({ table, handle });
      }
      
      validateResourceBorrowScope() {
        if (this.#resourceScopeExited) { return; }
        if (this.#resourceBorrowCount !== 0) {
          throw new WebAssemblyRuntimeError('borrow handles still remain at the end of the call');
        }
        for (const { table, handle } of this.#resourceLenders) {
          const idx = handle << 1;
          const lendCount = table[idx];
          if (!Number.isInteger(lendCount) || lendCount <= 0 || lendCount >= 2**30) {
            throw new Error('invalid resource lender state at scope exit');
          }
          table[idx] = lendCount - 1;
        }
        this.#resourceLenders = [];
        this.#resourceScopeExited = true;
        RESOURCE_SCOPE_TASKS.delete(this.#resourceScopeId);
      }
      
      completionPromise() { return this.#completionPromise; }
      settleCompletion() { this.#settleCompletionPromise(); }
      exitPromise() { return this.#exitPromise; }
      
      waitForProgress() {
        const { promise, resolve } = promiseWithResolvers();
        this.#progressWaiters.push(resolve);
        return promise;
      }
      
      notifyProgress() {
        const waiters = this.#progressWaiters;
        this.#progressWaiters = [];
        for (const resolve of waiters) { resolve(); }
      }
      
      isAsync() { return this.#isAsync; }
      isManualAsync() { return this.#isManualAsync; }
      isSync() { return !this.isAsync(); }
      
      getErrHandling() { return this.#errHandling; }
      
      hasCallback() { return this.#callbackFn !== null; }
      
      getReturnMemoryIdx() { return this.#memoryIdx; }
      setReturnMemoryIdx(idx) {
        if (idx === null) { return; }
        this.#memoryIdx = idx;
      }
      
      getReturnMemory() { return this.#memory; }
      setReturnMemory(m) {
        if (m === null) { return; }
        this.#memory = m;
      }
      
      setReturnLowerFns(fns) { this.#returnLowerFns = fns; }
      getReturnLowerFns() { return this.#returnLowerFns; }
      
      setCalleeIsAsync(value) {
        if (typeof value !== 'boolean') { throw new TypeError('callee async state must be a boolean'); }
        this.#calleeIsAsync = value;
      }
      
      setParentSubtask(subtask) {
        if (!subtask || !(subtask instanceof AsyncSubtask)) { return }
        if (this.#parentSubtask) { throw new Error('parent subtask can only be set once'); }
        this.#parentSubtask = subtask;
      }
      
      getParentSubtask() { return this.#parentSubtask; }
      
      // TODO(threads): this is very inefficient, we can pass along a root task,
      // and ideally do not need this once thread support is in place
      getRootTask() {
        let currentSubtask = this.getParentSubtask();
        let task = this;
        while (currentSubtask) {
          task = currentSubtask.getParentTask();
          currentSubtask = task.getParentSubtask();
        }
        return task;
      }
      
      setPostReturnFn(f) {
        if (!f) { return; }
        if (this.#postReturnFn) { throw new Error('postReturn fn can only be set once'); }
        this.#postReturnFn = f;
      }
      
      setCallbackFn(f, name) {
        if (!f) { return; }
        if (this.#callbackFn) { throw new Error('callback fn can only be set once'); }
        this.#callbackFn = f;
        this.#callbackFnName = name;
      }
      
      getCallbackFnName() {
        if (!this.#callbackFnName) { return undefined; }
        return this.#callbackFnName;
      }
      
      runCallbackFn(...args) {
        if (!this.#callbackFn) { throw new Error('no callback function has been set for task'); }
        if (this.#callbackFn._jcoMaySuspend === false) {
          return _withGlobalCurrentTaskMeta({
            taskID: this.#id,
            componentIdx: this.#componentIdx,
            fn: () => this.#callbackFn.apply(null, args),
          });
        }
        return _withGlobalCurrentTaskMetaAsync({
          taskID: this.#id,
          componentIdx: this.#componentIdx,
          fn: () => { return this.#callbackFn.apply(null, args); }
        });
      }
      
      getCalleeParams() {
        if (!this.#getCalleeParamsFn) { throw new Error('missing/invalid getCalleeParamsFn'); }
        return this.#getCalleeParamsFn();
      }
      
      // Legacy manually-async exports are sync-typed in the component
      // but use JSPI precisely so their guest stack may suspend.
      mayBlock() { return this.isAsync() || this.isManualAsync() || this.isResolvedState() }
      
      mayEnter(task) {
        const cstate = getOrCreateAsyncState(this.#componentIdx);
        if (cstate.hasBackpressure()) {
          
          return false;
        }
        if (!cstate.callingSyncImport()) {
          
          return false;
        }
        const callingSyncExportWithSyncPending = cstate.callingSyncExport && !task.isAsync;
        if (!callingSyncExportWithSyncPending) {
          
          return false;
        }
        return true;
      }
      
      enterSync() {
        if (this.needsExclusiveLock()) {
          const cstate = getOrCreateAsyncState(this.#componentIdx);
          if (!cstate.isExclusivelyLocked()) {
            cstate.exclusiveLock(this.#id);
          } else {
            // A host-called sync export arriving while another
            // task's slice holds the lock: synchronous entry
            // cannot wait, and historically this entry silently
            // stole the hold. Run without the lock instead --
            // the holder's bookkeeping stays intact and its
            // release still pairs
            this.#lockFreeEntry = true;
            
          }
        }
        return true;
      }
      
      tryEnter() {
        if (this.#entered) {
          throw new Error(`task with ID [${this.#id}] should not be entered twice`);
        }
        
        if (this.deliverPendingCancel({ cancellable: true })) {
          this.cancel();
          return false;
        }
        
        const cstate = getOrCreateAsyncState(this.#componentIdx);
        if (this.isSync()) {
          this.#entered = true;
          return true;
        }
        if (cstate.hasBackpressure()) { return null; }
        if (this.needsExclusiveLock()) {
          if (cstate.isExclusivelyLocked()) { return null; }
          cstate.exclusiveLock(this.#id);
        }
        
        if (this.deliverPendingCancel({ cancellable: true })) {
          cstate.exclusiveRelease(this.#id);
          this.cancel();
          return false;
        }
        
        this.#entered = true;
        return true;
      }
      
      async enter(opts) {
        
        
        if (this.#entered) {
          throw new Error(`task with ID [${this.#id}] should not be entered twice`);
        }
        
        // If cancellation was requested before the task was entered, resolve
        // as cancelled without ever running guest code
        if (this.deliverPendingCancel({ cancellable: true })) {
          this.cancel();
          return false;
        }
        
        const cstate = getOrCreateAsyncState(this.#componentIdx);
        
        if (opts?.isHost) {
          this.#entered = true;
          // A guest task may be synchronously blocked in this
          // host entry. Propagate that boundary so an async
          // cancellation driver can yield BLOCKED while the host
          // operation is outstanding.
          const parentTask = this.#parentSubtask?.getParentTask();
          if (
          parentTask?.taskState() === AsyncTask.State.CANCEL_DELIVERED
          || (parentTask && !parentTask.hasCallback())
          ) {
            parentTask.notifyProgress();
          }
          return this.#entered;
        }
        
        // NOTE: concurrent task lifetimes within one component instance are
        // permitted by the Component Model: entry is governed by the
        // backpressure and exclusive-lock checks below (the lock is held per
        // execution slice, not for the task's lifetime).
        //
        // Serializing entire task lifetimes here (the former "execution slot" queue)
        // deadlocks pipelines where a parked long-lived task's progress depends on a
        // later entry into the same component.
        
        // If a task is synchronous then we can avoid component-relevant
        // tracking and immediately enter.
        if (this.isSync()) {
          this.#entered = true;
          
          // TODO(breaking): remove once manually-specifying async fns is removed
          // It is currently possible for an actually sync export to be specified
          // as async via JSPI
          if (this.#isManualAsync) {
            if (this.needsExclusiveLock()) { await cstate.acquireExclusiveLock(this.#id); }
          }
          
          return this.#entered;
        }
        
        // Perform intial backpressure check
        if (cstate.hasBackpressure()) {
          cstate.addBackpressureWaiter();
          
          const result = await this.waitUntil({
            readyFn: () => {
              return !cstate.hasBackpressure();
            },
            cancellable: true,
          });
          
          cstate.removeBackpressureWaiter();
          
          if (!result || this.isCancelled()) {
            if (!this.isResolvedState()) { this.cancel(); }
            return false;
          }
        }
        
        // Acquire the per-slice exclusive lock (FIFO-queued when
        // contended); the first slice runs under this hold and the
        // driver loop releases/re-acquires it per slice thereafter.
        if (this.needsExclusiveLock()) {
          await cstate.acquireExclusiveLock(this.#id);
        }
        
        // Cancellation-before-start may resolve this task while its
        // queued lock acquisition is still pending. Acquiring the lock
        // does not make the already-resolved task runnable again.
        if (this.isResolvedState() || this.isCancelled()) {
          cstate.exclusiveRelease(this.#id);
          return false;
        }
        
        // Cancellation can be requested while entry is waiting for
        // backpressure or its exclusive lock. Do not execute the guest
        // after acquiring a lock for a task that should no longer start.
        if (this.deliverPendingCancel({ cancellable: true })) {
          cstate.exclusiveRelease(this.#id);
          this.cancel();
          return false;
        }
        
        this.#entered = true;
        return this.#entered;
      }
      
      isRunningState() { return this.#state !== AsyncTask.State.RESOLVED; }
      isResolvedState() { return this.#state === AsyncTask.State.RESOLVED; }
      isResolved() { return this.#state === AsyncTask.State.RESOLVED; }
      isExited() { return this.#exited; }
      
      async waitUntil(opts) {
        const { readyFn, cancellable } = opts;
        
        
        // TODO(fix): check for cancel
        // TODO(fix): determinism
        // TODO(threads): add this thread to waiting list
        
        const keepGoing = await this.suspendUntil({
          readyFn,
          cancellable,
        });
        
        return keepGoing;
      }
      
      async yieldUntil(opts) {
        const { readyFn, cancellable } = opts;
        
        
        // A callback YIELD is an explicit request to let other work run.
        // Unlike waits whose condition is already ready, it must always
        // suspend for at least one scheduler turn.
        const keepGoing = await this.immediateSuspend({ readyFn, cancellable });
        if (keepGoing) {
          return {
            code: ASYNC_EVENT_CODE.NONE,
            payload0: 0,
            payload1: 0,
          };
        }
        
        return {
          code: ASYNC_EVENT_CODE.TASK_CANCELLED,
          payload0: 0,
          payload1: 0,
        };
      }
      
      async suspendUntil(opts) {
        const { cancellable, readyFn } = opts;
        
        
        const pendingCancelled = this.deliverPendingCancel({ cancellable });
        if (pendingCancelled) { return false; }
        
        const completed = await this.immediateSuspendUntil({ readyFn, cancellable });
        return completed;
      }
      
      suspendUntilCallback(opts, onResume) {
        const { cancellable, readyFn } = opts;
        if (this.deliverPendingCancel({ cancellable })) {
          onResume(false);
          return;
        }
        
        const cstate = getOrCreateAsyncState(this.#componentIdx);
        cstate.suspendTask({
          task: this,
          cancellable,
          readyFn: () => {
            if (cancellable && this.#state === AsyncTask.State.CANCEL_PENDING) {
              return true;
            }
            return readyFn();
          },
          onResume: (keepGoing) => {
            if (keepGoing && this.deliverPendingCancel({ cancellable })) {
              keepGoing = false;
            }
            onResume(keepGoing);
          },
        });
      }
      
      // TODO(threads): equivalent to thread.suspend_until()
      async immediateSuspendUntil(opts) {
        const { cancellable, readyFn } = opts;
        
        
        const ready = readyFn();
        if (ready && ASYNC_DETERMINISM === 'random') {
          const coinFlip = _coinFlip();
          if (coinFlip) { return true }
        }
        
        const keepGoing = await this.immediateSuspend({ cancellable, readyFn });
        return keepGoing;
      }
      
      async immediateSuspend(opts) { // NOTE: equivalent to thread.suspend()
      // TODO(threads): store readyFn on the thread
      const { cancellable, readyFn } = opts;
      
      
      const pendingCancelled = this.deliverPendingCancel({ cancellable });
      if (pendingCancelled) { return false; }
      
      const cstate = getOrCreateAsyncState(this.#componentIdx);
      const keepGoing = await cstate.suspendTask({
        task: this,
        cancellable,
        readyFn: () => {
          // A pending cancellation request wakes cancellable waits
          if (cancellable && this.#state === AsyncTask.State.CANCEL_PENDING) {
            return true;
          }
          return readyFn();
        },
      });
      if (keepGoing && this.deliverPendingCancel({ cancellable })) { return false; }
      return keepGoing;
    }
    
    deliverPendingCancel(opts) {
      const { cancellable } = opts;
      
      
      if (cancellable && this.#state === AsyncTask.State.CANCEL_PENDING) {
        this.#state = AsyncTask.State.CANCEL_DELIVERED;
        return true;
      }
      
      return false;
    }
    
    isCancelled() { return this.cancelled }
    cancellationRequested() { return this.cancelRequested; }
    
    // Request cooperative cancellation of this task, called on behalf of a
    // supertask performing `subtask.cancel` on the subtask this task backs.
    //
    // The request is delivered at this task's next cancellable wait
    // (see suspendUntil/immediateSuspend), at which point the task is
    // expected to acknowledge via `task.cancel` or still resolve via
    // `task.return`.
    requestCancellation() {
      
      if (this.isResolvedState() || this.cancelRequested) { return; }
      this.cancelRequested = true;
      if (this.#state === AsyncTask.State.INITIAL) {
        this.#state = AsyncTask.State.CANCEL_PENDING;
      }
      // Nudge the component's tick loop so that any suspended cancellable
      // wait observes the pending cancellation promptly
      getOrCreateAsyncState(this.#componentIdx).runTickLoop();
    }
    
    cancel(args) {
      
      if (this.taskState() !== AsyncTask.State.CANCEL_DELIVERED) {
        throw new Error(`(component [${this.#componentIdx}]) task [${this.#id}] invalid task state [${this.taskState()}] for cancellation`);
      }
      this.validateResourceBorrowScope();
      this.cancelled = true;
      // Cancelled tasks resolve with no value (spec: `Task.cancel` calls
      // `on_resolve(None)`); an explicit error is only present on the
      // host-driven rejection path (see `reject()`).
      this.onResolve(args?.error ?? null);
      this.#state = AsyncTask.State.RESOLVED;
      // A task cancelled before entry has no driver loop that can
      // report its exit. Entered tasks notify after releasing their
      // component slice in `exit()`.
      if (!this.#entered) { this.notifyProgress(); }
    }
    
    onResolve(taskValue) {
      const handlers = this.#onResolveHandlers;
      this.#onResolveHandlers = [];
      for (const f of handlers) {
        try {
          f(taskValue);
        } catch (err) {
          
          throw err;
        }
      }
      
      // Rejections are control-flow failures, not canonical ABI results.
      // Propagate them through the subtask chain without running return
      // lowering or post-return hooks for a successful result.
      if (this.#rejected) {
        this.#parentSubtask?.reject(taskValue);
        return;
      }
      
      // NOTE: if the parent subtask has already been resolved (e.g. it was
      // cancelled via `subtask.cancel` while this task was still pending),
      // this task's resolution must be discarded rather than delivered.
      const parentSubtaskPending = this.#parentSubtask && !this.#parentSubtask.isResolved();
      const taskReturned = !this.isCancelled();
      
      if (parentSubtaskPending && taskReturned) {
        const meta = this.#parentSubtask.getCallMetadata();
        // Run the rturn fn if it has not already been called -- this *should* have happened in
        // `task.return`, but some paths do not go through task.return (e.g. async lower of sync fn
        // which goes through prepare + async-start-call)
        if (meta.returnFn && !meta.returnFnCalled) {
          
          const callerTask = this.#parentSubtask.getParentTask();
          _withGlobalCurrentTaskMeta({
            taskID: callerTask.id(),
            componentIdx: callerTask.componentIdx(),
            fn: () => meta.returnFn.apply(null, [taskValue, meta.resultPtr]),
          });
          meta.returnFnCalled = true;
        }
      }
      
      if (this.#postReturnFn && taskReturned) {
        
        try {
          _withGlobalCurrentTaskMeta({
            taskID: this.#id,
            componentIdx: this.#componentIdx,
            fn: () => this.#postReturnFn(taskValue),
          });
        } catch (err) {
          
          throw err;
        }
      }
      
      if (parentSubtaskPending) {
        this.#parentSubtask.onResolve(taskValue);
      }
    }
    
    registerOnResolveHandler(f) {
      this.#onResolveHandlers.push(f);
    }
    
    isRejected() { return this.#rejected; }
    
    isErrored() { return this.#errored; }
    setErrored(err) {
      // Preserve the originating trap when unwinding through
      // additional guest frames produces secondary traps (often
      // an `unreachable` after a call which was expected to trap).
      if (this.#errored === null) { this.#errored = err; }
    }
    
    reject(taskErr) {
      
      
      this.setErrored(taskErr);
      if (this.#rejected) { return; }
      
      // A task may call `task.return` before its callback exits.
      // A trap in cleanup or spawned work must still reject the
      // host call and poison the enclosing task chain.
      if (this.isResolvedState()) {
        this.#rejected = true;
        this.#errored = taskErr;
        const parentTask = this.#parentSubtask?.getParentTask();
        if (parentTask) { parentTask.reject(taskErr); }
        return;
      }
      
      this.#rejected = true;
      this.cancelRequested = true;
      this.#state = AsyncTask.State.CANCEL_PENDING;
      const cancelled = this.deliverPendingCancel({ cancellable: true });
      
      // TODO: do cleanup here to reset the machinery so we can run again?
      
      this.cancel({ error: taskErr });
    }
    
    resolve(results) {
      
      
      if (this.#state === AsyncTask.State.RESOLVED) {
        throw new Error(`(component [${this.#componentIdx}]) task [${this.#id}]  is already resolved (did you forget to wait for an import?)`);
      }
      
      this.validateResourceBorrowScope();
      
      this.#state = AsyncTask.State.RESOLVED;
      
      switch (results.length) {
        case 0:
        this.onResolve(undefined);
        break;
        case 1:
        this.onResolve(results[0]);
        break;
        default:
        
        throw new Error('unexpected number of results');
      }
    }
    
    exit(args) {
      
      
      if (this.#exited)  { throw new Error("task has already exited"); }
      
      if (this.#state !== AsyncTask.State.RESOLVED) {
        throw new Error(`(component [${this.#componentIdx}]) task [${this.#id}] exited without resolution`);
      }
      
      this.validateResourceBorrowScope();
      
      const state = getOrCreateAsyncState(this.#componentIdx);
      if (!state) { throw new Error('missing async state for component [' + this.#componentIdx + ']'); }
      
      // Exempt the host from exclusive lock check
      if (this.#componentIdx !== -1 && !args?.skipExclusiveLockCheck && !this.#lockFreeEntry) {
        if (this.needsExclusiveLock() && !state.exclusivelyLockedBy(this.#id)) {
          throw new Error(`task [${this.#id}] exit: component [${this.#componentIdx}] should have been exclusively locked by it`);
        }
      }
      
      // Ownership-checked: releases only this task's own hold (a
      // task exiting while another task's slice holds the lock no
      // longer clears the foreign hold).
      state.exclusiveRelease(this.#id);
      this.notifyProgress();
      
      for (const f of this.#onExitHandlers) {
        try {
          f();
        } catch (err) {
          console.error("error during task exit handler", err);
          throw err;
        }
      }
      
      this.#exited = true;
      clearCurrentTask(this.#componentIdx, this.id());
    }
    
    needsExclusiveLock() {
      // Host (-1) tasks model host-side import handling: there is no
      // guest linear memory or executor state to protect, and host
      // calls from unrelated guest components would contend spuriously.
      if (this.#componentIdx === -1) { return false; }
      // Import-handler tasks (CallInterface) run host code nested
      // inside the calling guest slice, which already holds the
      // lock; only tasks that execute guest slices need it.
      if (!this.#callingWasmExport) { return false; }
      // A sync-lifted callee cannot be reentered until the whole
      // stackful call returns. This is the Component Model's
      // automatic-backpressure rule for async-lowered calls.
      return !this.#isAsync || this.hasCallback() || this.#calleeIsAsync === false;
    }
    
    createSubtask(args) {
      
      const { componentIdx, childTask, callMetadata, fnName, isAsync, isManualAsync } = args;
      
      const cstate = getOrCreateAsyncState(this.#componentIdx);
      if (!cstate) {
        throw new Error(`invalid/missing async state for component idx [${componentIdx}]`);
      }
      
      const waitable = new Waitable({
        componentIdx: this.#componentIdx,
        target: `subtask (internal ID [${this.#id}])`,
      });
      
      const newSubtask = new AsyncSubtask({
        componentIdx,
        childTask,
        parentTask: this,
        callMetadata,
        isAsync,
        isManualAsync,
        fnName,
        waitable,
      });
      this.#subtasks.push(newSubtask);
      newSubtask.setTarget(`subtask (internal ID [${newSubtask.id()}], waitable [${waitable.idx()}], component [${componentIdx}])`);
      waitable.setIdx(cstate.handles.insert(newSubtask));
      waitable.setTarget(`waitable for subtask (waitable id [${waitable.idx()}], subtask internal ID [${newSubtask.id()}])`);
      return newSubtask;
    }
    
    getLatestSubtask() {
      return this.#subtasks.at(-1);
    }
    
    getSubtaskByWaitableRep(rep) {
      if (rep === undefined) { throw new TypeError('missing rep'); }
      return this.#subtasks.find(s => s.waitableRep() === rep);
    }
    
    currentSubtask() {
      
      if (this.#subtasks.length === 0) { return undefined; }
      return this.#subtasks.at(-1);
    }
    
    removeSubtask(subtask) {
      if (this.#subtasks.length === 0) {
        throw new Error('cannot end current subtask: no current subtask');
      }
      this.#subtasks = this.#subtasks.filter(t => t !== subtask);
      return subtask;
    }
  }
  
  function createNewCurrentTask(args) {
    
    const {
      componentIdx,
      isAsync,
      isManualAsync,
      preserveFutureResult,
      entryFnName,
      parentSubtaskID,
      callbackFnName,
      getCallbackFn,
      getParamsFn,
      stringEncoding,
      errHandling,
      getCalleeParamsFn,
      resultPtr,
      callingWasmExport,
    } = args;
    if (componentIdx === undefined || componentIdx === null) {
      throw new Error('missing/invalid component instance index while starting task');
    }
    let taskMetas = ASYNC_TASKS_BY_COMPONENT_IDX.get(componentIdx);
    const callbackFn = getCallbackFn ? getCallbackFn() : null;
    
    const newTask = new AsyncTask({
      componentIdx,
      isAsync,
      isManualAsync,
      preserveFutureResult,
      entryFnName,
      callbackFn,
      callbackFnName,
      stringEncoding,
      getCalleeParamsFn,
      resultPtr,
      errHandling,
      callingWasmExport,
    });
    
    const newTaskID = newTask.id();
    const newTaskMeta = { id: newTaskID, componentIdx, task: newTask };
    
    // NOTE: do not track host tasks
    ASYNC_CURRENT_TASK_IDS.push(newTaskID);
    ASYNC_CURRENT_COMPONENT_IDXS.push(componentIdx);
    
    if (!taskMetas) {
      taskMetas = [newTaskMeta];
      ASYNC_TASKS_BY_COMPONENT_IDX.set(componentIdx, [newTaskMeta]);
    } else {
      taskMetas.push(newTaskMeta);
    }
    
    return [newTask, newTaskID];
  }
  
  function _checkMayLeave(componentIdx) {
    if (INSTANCE_FLAGS.get(componentIdx)?.value !== 1) {
      throw new WebAssemblyRuntimeError('cannot leave component instance');
    }
  }
  
  function _getGlobalCurrentTaskMeta(componentIdx) {
    const v = componentIdx === undefined || componentIdx === null
    ? CURRENT_TASK_META.current
    : CURRENT_TASK_META[componentIdx];
    if (v === undefined || v === null) {
      return undefined;
    }
    return { ...v };
  }
  
  
  function _setGlobalCurrentTaskMeta(args) {
    if (!args) { throw new TypeError('args missing'); }
    if (args.taskID === undefined) { throw new TypeError('missing task ID'); }
    if (args.componentIdx === undefined) { throw new TypeError('missing component idx'); }
    const { taskID, componentIdx } = args;
    return CURRENT_TASK_META.current =
    CURRENT_TASK_META[componentIdx] = { taskID, componentIdx };
  }
  
  
  async function _clearCurrentTask(args) {
    
    if (!args) { throw new TypeError('args missing'); }
    if (args.taskID === undefined) { throw new TypeError('missing task ID'); }
    if (args.componentIdx === undefined) { throw new TypeError('missing component idx'); }
    const { taskID, componentIdx } = args;
    
    const meta = CURRENT_TASK_META[componentIdx];
    if (!meta) { throw new Error(`missing current task meta for component idx [${componentIdx}]`); }
    
    if (meta.taskID !== taskID) {
      throw new Error(`task ID [${meta.taskID}] != requested ID [${taskID}]`);
    }
    if (meta.componentIdx !== componentIdx) {
      throw new Error(`component idx [${meta.componentIdx}] != requested idx [${componentIdx}]`);
    }
    
    CURRENT_TASK_META[componentIdx] = null;
    if (CURRENT_TASK_META.current?.taskID === taskID) {
      CURRENT_TASK_META.current = null;
    }
  }
  
  function _lowerImportBackwardsCompat(args) {
    const params = [...arguments].slice(1);
    
    const {
      functionIdx,
      componentIdx,
      isAsync,
      isManualAsync,
      paramLiftFns,
      resultLowerFns,
      hasResultPointer,
      funcTypeIsAsync,
      metadata,
      memoryIdx,
      getMemoryFn,
      getReallocFn,
      importFn,
      stringEncoding,
    } = args;
    
    _checkMayLeave(componentIdx);
    
    let meta = _getGlobalCurrentTaskMeta(componentIdx);
    let createdTask;
    
    // Some components depend on initialization logic (i.e. `_initialize` or some such
    // core wasm export) that is embedded in the component, but is not executed or wizer'd
    // away before the transpiled component is attempted to be used.
    //
    // These components execut their initialization logic *when they are imported* in the
    // transpiled context -- so we may get a call to an export that is lowered without going
    // through `CallWasm` or `CallInterface`.
    //
    if (!meta) {
      if (funcTypeIsAsync || (isAsync && !isManualAsync)) {
        throw new Error('p3 async wasm exports cannot use backwards compat auto-task init');
      }
      
      const [newTask, newTaskID] = createNewCurrentTask({
        componentIdx,
        isAsync,
        isManualAsync,
        callingWasmExport: false,
      });
      createdTask = newTask;
      
      // Since we're managing the task creation ourselves we must clear ourselves
      createdTask.registerOnResolveHandler(() => {
        _clearCurrentTask({
          taskID: task.id(),
          componentIdx: task.componentIdx(),
        });
      });
      
      _setGlobalCurrentTaskMeta({
        componentIdx,
        taskID: newTaskID,
      });
      
      meta = _getGlobalCurrentTaskMeta(componentIdx);
    }
    
    const { taskID } = meta;
    
    const taskMeta = getCurrentTask(componentIdx, taskID);
    if (!taskMeta) {
      throw new Error('invalid/missing async task meta');
    }
    
    const task = taskMeta.task;
    if (!task) { throw new Error('invalid/missing async task'); }
    
    const cstate = getOrCreateAsyncState(componentIdx);
    
    if (!task.mayBlock() && funcTypeIsAsync && !isAsync) {
      throw new Error("non async exports cannot synchronously call async functions");
    }
    
    // If there is an existing task, this should be part of a subtask
    const memory = getMemoryFn();
    // Canonical ABI lower appends result storage as a trailing
    // param when async lower has any flat result, or sync lower
    // has more than one flat result.
    const resultPtr = hasResultPointer ? params[params.length - 1] : undefined;
    const subtask = task.createSubtask({
      componentIdx,
      parentTask: task,
      fnName: importFn.fnName,
      isAsync,
      isManualAsync,
      callMetadata: {
        memoryIdx,
        memory,
        realloc: getReallocFn?.(),
        getReallocFn,
        resultPtr,
        lowers: resultLowerFns,
        funcTypeIsAsync,
        stringEncoding,
      }
    });
    task.setReturnMemoryIdx(memoryIdx);
    task.setReturnMemory(getMemoryFn());
    
    subtask.onStart();
    
    // If dealing with a sync lowered sync function, we can directly return results
    //
    // TODO(breaking): remove once we get rid of manual async import specification,
    // as func types cannot be detected in that case only (and we don't need that w/ p3)
    if (!isManualAsync && !isAsync && !funcTypeIsAsync) {
      if (createdTask) { createdTask.enterSync(); }
      
      const res = importFn(...params);
      
      // TODO(breaking): remove once we get rid of manual async import specification,
      // as func types cannot be detected in that case only (and we don't need that w/ p3)
      if (!funcTypeIsAsync && !subtask.isReturned()) {
        throw new Error('post-execution subtasks must either be async or returned');
      }
      
      const syncRes = subtask.getResult();
      if (createdTask) { createdTask.resolve([syncRes]); }
      
      return syncRes;
    }
    
    // Sync-lowered async functions requires async behavior because the callee *can* block,
    // but this call must *act* synchronously and return immediately with the result
    // (i.e. not returning until the work is done)
    //
    // TODO(breaking): remove checking for manual async specification here, once we can go p3-only
    //
    if (!isManualAsync && !isAsync && funcTypeIsAsync) {
      const { promise, resolve, reject } = promiseWithResolvers();
      queueMicrotask(async () => {
        try {
          await importFn(...params);
          if (!subtask.isResolved()) {
            await task.suspendUntil({ readyFn: () => subtask.isResolved() });
          }
          resolve(subtask.getResult());
        } catch (err) {
          reject(err);
        }
      });
      return promise;
    }
    
    // NOTE: at this point we know that we are working with an async lowered import
    
    const subtaskState = subtask.getStateNumber();
    if (subtaskState < 0 || subtaskState >= 2**4) {
      throw new Error('invalid subtask state, out of valid range');
    }
    
    subtask.setOnProgressFn(() => {
      subtask.setPendingEvent(() => {
        if (subtask.isResolved()) { subtask.deliverResolve(); }
        const event = {
          code: ASYNC_EVENT_CODE.SUBTASK,
          payload0: subtask.waitableRep(),
          payload1: subtask.getStateNumber(),
        }
        return event;
      });
    });
    
    // This is a hack to maintain backwards compatibility with
    // manually-specified async imports, used in wasm exports that are
    // not actually async (but are specified as so).
    //
    // This is not normal p3 sync behavior but instead anticipating that
    // the caller that is doing manual async will be waiting for a promise that
    // resolves to the *actual* result.
    //
    // TODO(breaking): remove once manually specified async is removed
    //
    // There are a few cases:
    // 1. sync function with async types (e.g. `f: func() -> stream<u32>`)
    // 2. async function with async types (e.g. `f: async func() -> stream<u32>`)
    // 3. async function with sync types (e.g. `f: async func() -> list<u32>`)
    // 4. sync function with non-async types (e.g. `f: func() -> list<u32>`)
    //
    // This hack *only* applies to 4 -- the case where an async JS host function
    // is supplied to a Wasm export which does *not* need to do any async abi
    // lifting/lowering (async ABI did not exist when JSPI integratiton was
    // initially merged to enable asynchronously returning values from the host)
    //
    const requiresManualAsyncResult = !isAsync && !funcTypeIsAsync && isManualAsync;
    let manualAsyncResult;
    if (requiresManualAsyncResult) {
      manualAsyncResult = promiseWithResolvers();
    }
    
    queueMicrotask(async () => {
      try {
        
        if (createdTask) { await createdTask.enter(); }
        
        const asyncRes = await importFn(...params);
        if (requiresManualAsyncResult) {
          manualAsyncResult.resolve(subtask.getResult());
        }
        
        if (createdTask) { createdTask.resolve([asyncRes]); }
        
        
      } catch (err) {
        
        if (requiresManualAsyncResult) {
          manualAsyncResult.reject(err);
          return;
        }
        task.setErrored(err);
        task.reject(err);
      }
    });
    
    if (requiresManualAsyncResult) { return manualAsyncResult.promise; }
    
    
    
    return Number(subtask.waitableRep()) << 4 | subtaskState;
  }
  
  const CURRENT_TASK_MAY_BLOCK= globalThis.WebAssembly ? new globalThis.WebAssembly.Global({ value: 'i32', mutable: true }, 0) : false;
  
  
  function _liftFlatU32(ctx) {
    
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length === 0) { throw new Error('expected at least a single i34 argument'); }
      // core i32 values arrive as signed numbers
      val = ctx.params[0] >>> 0;
      ctx.params = ctx.params.slice(1);
      return [val, ctx];
    }
    
    if (ctx.storageLen !== undefined && ctx.storageLen < 4) {
      throw new Error(`insufficient storage ([${ctx.storageLen}] bytes) for lift (u32 requires 4 bytes)`);
    }
    val = new DataView(ctx.memory.buffer).getUint32(ctx.storagePtr, true);
    ctx.storagePtr += 4;
    if (ctx.storageLen !== undefined) { ctx.storageLen -= 4; }
    
    return [val, ctx];
  }
  
  
  function _liftFlatStringUTF8(ctx) {
    
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length < 2) { throw new Error('expected at least two u32 arguments'); }
      let offset = ctx.params[0];
      if (typeof offset === 'bigint') { offset = Number(offset); }
      if (!Number.isSafeInteger(offset)) { throw new Error('invalid offset'); }
      const len = ctx.params[1];
      if (!Number.isSafeInteger(len)) {  throw new Error('invalid len'); }
      val = TEXT_DECODER_UTF8.decode(new DataView(ctx.memory.buffer, offset, len));
      ctx.params = ctx.params.slice(2);
      return [val, ctx];
    }
    
    const rem = ctx.storagePtr % 4;
    if (rem !== 0) { ctx.storagePtr += (4 - rem); }
    
    const dv = new DataView(ctx.memory.buffer);
    const start = dv.getUint32(ctx.storagePtr, true);
    const codeUnits = dv.getUint32(ctx.storagePtr + 4, true);
    
    val = TEXT_DECODER_UTF8.decode(new Uint8Array(ctx.memory.buffer, start, codeUnits));
    
    ctx.storagePtr += 8;
    if (ctx.storageLen !== undefined) { ctx.storagelen -= 8; }
    
    return [val, ctx];
  }
  
  function _liftFlatStringUTF16(ctx) {
    
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length < 2) { throw new Error('expected at least two u32 arguments'); }
      let offset = ctx.params[0];
      if (typeof offset === 'bigint') { offset = Number(offset); }
      if (!Number.isSafeInteger(offset)) {  throw new Error('invalid offset'); }
      const len = ctx.params[1];
      if (!Number.isSafeInteger(len)) {  throw new Error('invalid len'); }
      val = utf16Decoder.decode(new DataView(ctx.memory.buffer, offset, len));
      ctx.params = ctx.params.slice(2);
      return [val, ctx];
    }
    
    const data = new DataView(ctx.memory.buffer)
    const start = data.getUint32(ctx.storagePtr, vals[0], true);
    const codeUnits = data.getUint32(ctx.storagePtr, vals[0] + 4, true);
    val = utf16Decoder.decode(new Uint16Array(ctx.memory.buffer, start, codeUnits));
    ctx.storagePtr = ctx.storagePtr + 2 * codeUnits;
    if (ctx.storageLen !== undefined) { ctx.storageLen = ctx.storageLen - 2 * codeUnits }
    
    return [val, ctx];
  }
  
  function _liftFlatStringAny(ctx) {
    switch (ctx.stringEncoding) {
      case 'utf8':
      return _liftFlatStringUTF8(ctx);
      case 'utf16':
      return _liftFlatStringUTF16(ctx);
      default:
      throw new Error(`missing/unrecognized/unsupported string encoding [${ctx.stringEncoding}]`);
    }
  }
  
  function _lowerFlatU8(ctx) {
    
    
    if (ctx.vals.length !== 1) {
      throw new Error(`unexpected number [${ctx.vals.length}] of vals (expected 1)`);
    }
    
    _requireValidNumericPrimitive.bind('u8', ctx.vals[0]);
    
    if (!ctx.memory) { throw new Error("missing memory for lower"); }
    new DataView(ctx.memory.buffer).setUint8(ctx.storagePtr, ctx.vals[0]);
    
    ctx.storagePtr += 1;
  }
  
  function _lowerFlatU16(ctx) {
    
    
    if (!ctx.memory) { throw new Error("missing memory for lower"); }
    if (ctx.vals.length !== 1) {
      throw new Error(`unexpected number [${ctx.vals.length}] of vals (expected 1)`);
    }
    
    const rem = ctx.storagePtr % 2;
    if (rem !== 0) { ctx.storagePtr += (2 - rem); }
    
    _requireValidNumericPrimitive.bind('u16', ctx.vals[0]);
    new DataView(ctx.memory.buffer).setUint16(ctx.storagePtr, ctx.vals[0], true);
    
    ctx.storagePtr += 2;
  }
  
  function _lowerFlatU32(ctx) {
    
    
    if (ctx.vals.length !== 1) {
      throw new Error(`expected single value to lower, got [${ctx.vals.length}]`);
    }
    
    const rem = ctx.storagePtr % 4;
    if (rem !== 0) { ctx.storagePtr += (4 - rem); }
    
    _requireValidNumericPrimitive.bind('u32', ctx.vals[0]);
    new DataView(ctx.memory.buffer).setUint32(ctx.storagePtr, ctx.vals[0], true);
    
    ctx.storagePtr += 4;
  }
  
  function _lowerFlatU64(ctx) {
    
    
    if (ctx.vals.length !== 1) { throw new Error('unexpected number of vals'); }
    
    const rem = ctx.storagePtr % 8;
    if (rem !== 0) { ctx.storagePtr += (8 - rem); }
    
    _requireValidNumericPrimitive.bind('u64', ctx.vals[0]);
    new DataView(ctx.memory.buffer).setBigUint64(ctx.storagePtr, ctx.vals[0], true);
    
    ctx.storagePtr += 8;
  }
  
  function _lowerFlatStringUTF8(ctx) {
    
    if (!ctx.realloc) { throw new Error('missing realloc during flat string lower'); }
    
    const { ptr, len } = _utf8AllocateAndEncode(ctx.vals[0], ctx.realloc, ctx.memory);
    
    const view = new DataView(ctx.memory.buffer);
    view.setUint32(ctx.storagePtr, ptr, true);
    view.setUint32(ctx.storagePtr + 4, len, true);
    
    ctx.storagePtr += 8;
  }
  
  function _lowerFlatStringUTF16(ctx) {
    
    if (!ctx.realloc) { throw new Error('missing realloc during flat string lower'); }
    
    const { ptr, len } = _utf16AllocateAndEncode(ctx.vals[0], ctx.realloc, ctx.memory);
    
    const view = new DataView(ctx.memory.buffer);
    view.setUint32(ctx.storagePtr, ptr, true);
    view.setUint32(ctx.storagePtr + 4, len, true);
    
    ctx.storagePtr += 8;
  }
  
  function _lowerFlatStringAny(ctx) {
    switch (ctx.stringEncoding) {
      case 'utf8':
      return _lowerFlatStringUTF8(ctx);
      case 'utf16':
      return _lowerFlatStringUTF16(ctx);
      default:
      throw new Error(`missing/unrecognized/unsupported string encoding [${ctx.stringEncoding}]`);
    }
  }
  
  function _lowerFlatRecord(meta) {
    const { fieldMetas, size32: recordSize32, align32: recordAlign32 } = meta;
    return function _lowerFlatRecordInner(ctx) {
      
      
      const originalPtr = ctx.storagePtr;
      const r = ctx.vals[0];
      for (const [tag, lowerFn, size32, align32 ] of fieldMetas) {
        const rem = ctx.storagePtr % align32;
        if (rem !== 0) { ctx.storagePtr += align32 - rem; }
        
        const fieldPtr = ctx.storagePtr;
        ctx.vals = [r[tag]];
        lowerFn(ctx);
        
        ctx.storagePtr = Math.max(ctx.storagePtr, fieldPtr + size32);
      }
      
      ctx.storagePtr = Math.max(ctx.storagePtr, originalPtr + recordSize32);
      
      const rem = ctx.storagePtr % recordAlign32;
      if (rem !== 0) {
        ctx.storagePtr += recordAlign32 - rem;
      }
    }
  }
  
  function _lowerFlatVariant(meta) {
    const { variantSize32, variantAlign32, variantPayloadOffset32, caseMetas } = meta;
    
    let caseLookup = {};
    for (const [idx, meta] of caseMetas.entries()) {
      let tag = meta[0];
      caseLookup[tag] = { discriminant: idx, meta };
    }
    
    return function _lowerFlatVariantInner(ctx) {
      
      
      const { tag, val } = ctx.vals[0];
      const variantCase = caseLookup[tag];
      if (!variantCase) {
        throw new Error(`missing tag [${tag}] (valid tags: ${Object.keys(caseLookup)})`);
      }
      
      const [ _tag, lowerFn, caseSize32, caseAlign32, caseFlatCount ] = variantCase.meta;
      
      const originalPtr = ctx.storagePtr;
      ctx.vals = [variantCase.discriminant];
      let discLowerRes;
      if (caseMetas.length < 256) {
        discLowerRes = _lowerFlatU8(ctx);
      } else if (caseMetas.length >= 256 && caseMetas.length < 65536) {
        discLowerRes = _lowerFlatU16(ctx);
      } else if (caseMetas.length >= 65536 && caseMetas.length < 4_294_967_296) {
        discLowerRes = _lowerFlatU32(ctx);
      } else {
        throw new Error(`unsupported number of cases [${caseMetas.length}]`);
      }
      
      const payloadOffsetPtr = originalPtr + variantPayloadOffset32;
      ctx.storagePtr = payloadOffsetPtr;
      ctx.vals = [val];
      if (lowerFn) { lowerFn(ctx); }
      
      ctx.storagePtr = Math.max(ctx.storagePtr, originalPtr + variantSize32);
      
      const rem = ctx.storagePtr % variantAlign32;
      if (rem !== 0) { ctx.storagePtr += variantAlign32 - rem; }
    }
  }
  
  function _lowerFlatList(meta) {
    const {
      elemLowerFn,
      knownLen,
      size32,
      align32,
      elemSize32,
      elemAlign32,
    } = meta;
    
    if (!elemLowerFn) { throw new TypeError("missing/invalid element lower fn for list"); }
    
    return function _lowerFlatListInner(ctx) {
      
      
      if (ctx.useDirectParams) {
        if (ctx.params.length < 2) { throw new Error('insufficient params left to lower list'); }
        const storagePtr = ctx.params[0];
        const elemCount = ctx.params[1];
        ctx.params = ctx.params.slice(2);
        
        const list = ctx.vals[0];
        if (!list) { throw new Error("missing direct param value"); }
        
        const lowerCtx = {
          storagePtr,
          memory: ctx.memory,
          stringEncoding: ctx.stringEncoding,
        };
        for (let idx = 0; idx < list.length; idx++) {
          const elemPtr = storagePtr + idx * elemSize32;
          lowerCtx.storagePtr = elemPtr;
          lowerCtx.vals = list.slice(idx, idx+1);
          elemLowerFn(lowerCtx);
          lowerCtx.storagePtr = Math.max(lowerCtx.storagePtr, elemPtr + elemSize32);
        }
        ctx.storagePtr = lowerCtx.storagePtr;
        
        // TODO: implement parma-only known-length processing
        
        return;
      }
      
      // TODO(fix): is it possible to get a vals that are a addr and length here from
      // a component lower?
      
      const elems = ctx.vals[0];
      if (knownLen === undefined) {
        // unknown length
        if (!ctx.realloc) { throw new Error('missing realloc during flat string lower'); }
        const dataPtr = ctx.realloc(0, 0, elemAlign32, elemSize32 * elems.length);
        
        ctx.vals[0] = dataPtr;
        _lowerFlatU32(ctx);
        
        ctx.vals[0] = elems.length;
        _lowerFlatU32(ctx);
        
        const origPtr = ctx.storagePtr;
        ctx.storagePtr = dataPtr;
        
        for (const [idx, elem] of elems.entries()) {
          const elemPtr = dataPtr + idx * elemSize32;
          ctx.storagePtr = elemPtr;
          ctx.vals = [elem];
          elemLowerFn(ctx);
          ctx.storagePtr = Math.max(ctx.storagePtr, elemPtr + elemSize32);
        }
        
        ctx.storagePtr = origPtr;
        
      } else {
        // known length
        
        if (elems.length !== knownLen) {
          throw new TypeError(`invalid list input of length [${elems.length}], must be length [${knownLen}]`);
        }
        
        const originalPtr = ctx.storagePtr;
        for (const [idx, elem] of elems.entries()) {
          const elemPtr = originalPtr + idx * elemSize32;
          ctx.storagePtr = elemPtr;
          ctx.vals = [elem];
          elemLowerFn(ctx);
          ctx.storagePtr = Math.max(ctx.storagePtr, elemPtr + elemSize32);
        }
      }
      
      // TODO(fix): special case for u8/u16/etc, we can do a direct copy
      
      const totalSizeBytes = elems.length * size32;
      if (ctx.storageLen !== undefined && totalSizeBytes > ctx.storageLen) {
        throw new Error('not enough storage remaining for list flat lower');
      }
    }
  }
  
  function _lowerFlatOption(meta) {
    const { payloadMaybeNull } = meta;
    const f = _lowerFlatVariant(meta);
    return function _lowerFlatOptionInner(ctx) {
      
      
      const v = ctx.vals[0];
      if (v === null || v === undefined) {
        ctx.vals[0] = { tag: 'none' };
      } else if (payloadMaybeNull) {
        const isNotOptionObject = typeof v !== 'object'
        || Object.keys(v).length !== 2
        || !('tag' in v)
        || !(v.tag === 'some' || v.tag === 'none')
        || !('val' in v);
        if (isNotOptionObject) {
          ctx.vals[0] = { tag: 'some', val: v };
        }
      } else {
        ctx.vals[0] = { tag: 'some', val: v };
      }
      
      f(ctx);
    }
  }
  
  function _trackHostOperation(operation) {
    const result = operation();
    if (result === null ||
    (typeof result !== 'object' && typeof result !== 'function') ||
    typeof result.then !== 'function') {
      return result;
    }
    
    STORE_ASYNC_STATE.pendingHostOperations++;
    return Promise.resolve(result).finally(() => {
      STORE_ASYNC_STATE.pendingHostOperations--;
      if (STORE_ASYNC_STATE.pendingHostOperations < 0) {
        throw new Error('negative pending host operation count');
      }
      for (const state of ASYNC_STATE.values()) { state.runTickLoop(); }
      _checkForDeadlock();
    });
  }
  
  function clampGuest(i, min, max) {
    if (i < min || i > max) {
      throw new TypeError(`must be between ${min} and ${max}`);
    }
    return i;
  }
  
  
  const isNode = typeof process !== 'undefined' && process.versions && process.versions.node;
  let _fs;
  async function fetchCompile (url) {
    if (isNode) {
      _fs = _fs || await import('node:fs/promises');
      return WebAssembly.compile(await _fs.readFile(url));
    }
    return fetch(url).then(WebAssembly.compileStreaming);
  }
  
  function throwInvalidBool() {
    throw new TypeError('invalid variant discriminant for bool');
  }
  
  function _suspendingImport(componentIdx, fn, syncOnly = false, switchesTask = false) {
    return function (...args) {
      _checkMayLeave(componentIdx);
      const saved = CURRENT_TASK_META[componentIdx] ?? null;
      
      const savedTask = saved
      ? getCurrentTask(saved.componentIdx, saved.taskID)?.task
      : null;
      const mayBlock = savedTask
      ? (savedTask?.mayBlock() ?? (CURRENT_TASK_MAY_BLOCK.value !== 0))
      : false;
      if (!saved && !mayBlock) {
        throw new WebAssemblyRuntimeError('cannot block a synchronous task before returning');
      }
      
      if (syncOnly || !mayBlock) {
        let result;
        try {
          result = fn.apply(null, args);
        } catch (err) {
          CURRENT_TASK_META[componentIdx] = saved;
          if (!switchesTask) { CURRENT_TASK_META.current = saved; }
          throw err;
        }
        
        CURRENT_TASK_META[componentIdx] = saved;
        if (!switchesTask) { CURRENT_TASK_META.current = saved; }
        
        if (result !== null &&
        (typeof result === 'object' || typeof result === 'function') &&
        typeof result.then === 'function') {
          // The helper may already have returned a rejected promise.
          // Mark it handled before replacing it with the canonical
          // synchronous-task trap.
          Promise.resolve(result).catch(() => {});
          throw new WebAssemblyRuntimeError('cannot block a synchronous task before returning');
        }
        return result;
      }
      
      return (async () => {
        try {
          return await fn.apply(null, args);
        } finally {
          CURRENT_TASK_META[componentIdx] = saved;
          if (!switchesTask) { CURRENT_TASK_META.current = saved; }
        }
      })();
    };
  }
  
  
  if (!getCoreModule) getCoreModule = (name) => fetchCompile(new URL(`./${name}`, import.meta.url));
  const module0 = getCoreModule('licensewarden.core.wasm');
  const module1 = getCoreModule('licensewarden.core2.wasm');
  const module2 = getCoreModule('licensewarden.core3.wasm');
  
  const { nowMs } = imports['licensewarden:core/clock'];
  
  if (nowMs=== undefined) {
    const err = new Error("unexpectedly undefined instance import 'nowMs', was 'nowMs' available at instantiation?");
    console.error("ERROR:", err.toString());
    throw err;
  }
  
  const { facts } = imports['licensewarden:core/device'];
  
  if (facts=== undefined) {
    const err = new Error("unexpectedly undefined instance import 'facts', was 'facts' available at instantiation?");
    console.error("ERROR:", err.toString());
    throw err;
  }
  
  const { bytes } = imports['licensewarden:core/random'];
  
  if (bytes=== undefined) {
    const err = new Error("unexpectedly undefined instance import 'bytes', was 'bytes' available at instantiation?");
    console.error("ERROR:", err.toString());
    throw err;
  }
  
  const { load, newestChange, save } = imports['licensewarden:core/store'];
  
  if (load=== undefined) {
    const err = new Error("unexpectedly undefined instance import 'load', was 'load' available at instantiation?");
    console.error("ERROR:", err.toString());
    throw err;
  }
  
  
  if (newestChange=== undefined) {
    const err = new Error("unexpectedly undefined instance import 'newestChange', was 'newestChange' available at instantiation?");
    console.error("ERROR:", err.toString());
    throw err;
  }
  
  
  if (save=== undefined) {
    const err = new Error("unexpectedly undefined instance import 'save', was 'save' available at instantiation?");
    console.error("ERROR:", err.toString());
    throw err;
  }
  
  let gen= (function* _initGenerator () {
    const instanceFlags0 = new WebAssembly.Global({ value: "i32", mutable: true }, 1);
    INSTANCE_FLAGS.set(0, instanceFlags0);
    let exports0;
    
    const _trampoline0 = function() {
      
      const hostProvided = true;
      
      let parentTask;
      let task;
      let subtask;
      
      const createTask = () => {
        const results = createNewCurrentTask({
          componentIdx: -1,
          isAsync: false,
          entryFnName: 'nowMs',
          getCallbackFn: () => null,
          callbackFnName: null,
          errHandling: 'none',
          callingWasmExport: false,
        });
        task = results[0];
      };
      
      taskCreation: {
        parentTask = getCurrentTask(
        0,
        _getGlobalCurrentTaskMeta(0)?.taskID,
        )?.task;
        
        if (!parentTask) {
          createTask();
          break taskCreation;
        }
        
        createTask();
        
        if (hostProvided) {
          subtask = parentTask.getLatestSubtask();
          if (!subtask) {
            throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
          }
          task.setParentSubtask(subtask);
        }
      }
      
      const started = task.enterSync();
      let ret;
      
      
      try {
        ret = _withGlobalCurrentTaskMeta({
          componentIdx: task.componentIdx(),
          taskID: task.id(),
          fn: () => _trackHostOperation(() => nowMs()),
        })
        ;
      } catch (err) {
        
        
        getOrCreateAsyncState(0).markTrapped(err);
        task.setErrored(err);
        task.reject(err);
        task.exit();
        throw err;
        
      }
      
      
      task.resolve([toUint64(ret)]);
      task.exit();
      return toUint64(ret);
    }
    _trampoline0.fnName = 'licensewarden:core/clock#nowMs';
    
    const _trampoline1 = function() {
      
      const hostProvided = true;
      
      let parentTask;
      let task;
      let subtask;
      
      const createTask = () => {
        const results = createNewCurrentTask({
          componentIdx: -1,
          isAsync: false,
          entryFnName: 'newestChange',
          getCallbackFn: () => null,
          callbackFnName: null,
          errHandling: 'none',
          callingWasmExport: false,
        });
        task = results[0];
      };
      
      taskCreation: {
        parentTask = getCurrentTask(
        0,
        _getGlobalCurrentTaskMeta(0)?.taskID,
        )?.task;
        
        if (!parentTask) {
          createTask();
          break taskCreation;
        }
        
        createTask();
        
        if (hostProvided) {
          subtask = parentTask.getLatestSubtask();
          if (!subtask) {
            throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
          }
          task.setParentSubtask(subtask);
        }
      }
      
      const started = task.enterSync();
      let ret;
      
      
      try {
        ret = _withGlobalCurrentTaskMeta({
          componentIdx: task.componentIdx(),
          taskID: task.id(),
          fn: () => _trackHostOperation(() => newestChange()),
        })
        ;
      } catch (err) {
        
        
        getOrCreateAsyncState(0).markTrapped(err);
        task.setErrored(err);
        task.reject(err);
        task.exit();
        throw err;
        
      }
      
      
      task.resolve([toUint64(ret)]);
      task.exit();
      return toUint64(ret);
    }
    _trampoline1.fnName = 'licensewarden:core/store#newestChange';
    let exports1;
    let memory0;
    let realloc0;
    let realloc0Async;
    
    const _trampoline2 = function(arg0, arg1, arg2) {
      var ptr0 = arg0;
      var len0 = arg1;
      var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
      
      const hostProvided = true;
      
      let parentTask;
      let task;
      let subtask;
      
      const createTask = () => {
        const results = createNewCurrentTask({
          componentIdx: -1,
          isAsync: false,
          entryFnName: 'load',
          getCallbackFn: () => null,
          callbackFnName: null,
          errHandling: 'none',
          callingWasmExport: false,
        });
        task = results[0];
      };
      
      taskCreation: {
        parentTask = getCurrentTask(
        0,
        _getGlobalCurrentTaskMeta(0)?.taskID,
        )?.task;
        
        if (!parentTask) {
          createTask();
          break taskCreation;
        }
        
        createTask();
        
        if (hostProvided) {
          subtask = parentTask.getLatestSubtask();
          if (!subtask) {
            throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
          }
          task.setParentSubtask(subtask);
        }
      }
      
      const started = task.enterSync();
      let ret;
      
      
      try {
        ret = _withGlobalCurrentTaskMeta({
          componentIdx: task.componentIdx(),
          taskID: task.id(),
          fn: () => _trackHostOperation(() => load(result0)),
        })
        ;
      } catch (err) {
        
        
        getOrCreateAsyncState(0).markTrapped(err);
        task.setErrored(err);
        task.reject(err);
        task.exit();
        throw err;
        
      }
      
      var variant2 = ret;
      if (variant2 === null || variant2=== undefined) {
        dataView(memory0).setInt8(arg2 + 0, 0, true);
      } else {
        const e = variant2;
        dataView(memory0).setInt8(arg2 + 0, 1, true);
        
        var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
        var ptr1= encodeRes.ptr;
        var len1 = encodeRes.len;
        
        dataView(memory0).setUint32(arg2 + 8, len1, true);
        dataView(memory0).setUint32(arg2 + 4, ptr1, true);
      }
      
      task.resolve([ret]);
      task.exit();
    }
    _trampoline2.fnName = 'licensewarden:core/store#load';
    
    const _trampoline3 = function(arg0, arg1, arg2, arg3, arg4) {
      var ptr0 = arg0;
      var len0 = arg1;
      var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
      var ptr1 = arg2;
      var len1 = arg3;
      var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
      
      const hostProvided = true;
      
      let parentTask;
      let task;
      let subtask;
      
      const createTask = () => {
        const results = createNewCurrentTask({
          componentIdx: -1,
          isAsync: false,
          entryFnName: 'save',
          getCallbackFn: () => null,
          callbackFnName: null,
          errHandling: 'none',
          callingWasmExport: false,
        });
        task = results[0];
      };
      
      taskCreation: {
        parentTask = getCurrentTask(
        0,
        _getGlobalCurrentTaskMeta(0)?.taskID,
        )?.task;
        
        if (!parentTask) {
          createTask();
          break taskCreation;
        }
        
        createTask();
        
        if (hostProvided) {
          subtask = parentTask.getLatestSubtask();
          if (!subtask) {
            throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
          }
          task.setParentSubtask(subtask);
        }
      }
      
      const started = task.enterSync();
      let ret;
      
      
      try {
        ret = _withGlobalCurrentTaskMeta({
          componentIdx: task.componentIdx(),
          taskID: task.id(),
          fn: () => _trackHostOperation(() => save(result0, result1)),
        })
        ;
      } catch (err) {
        
        
        getOrCreateAsyncState(0).markTrapped(err);
        task.setErrored(err);
        task.reject(err);
        task.exit();
        throw err;
        
      }
      
      var variant3 = ret;
      if (variant3 === null || variant3=== undefined) {
        dataView(memory0).setInt8(arg4 + 0, 0, true);
      } else {
        const e = variant3;
        dataView(memory0).setInt8(arg4 + 0, 1, true);
        
        var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
        var ptr2= encodeRes.ptr;
        var len2 = encodeRes.len;
        
        dataView(memory0).setUint32(arg4 + 8, len2, true);
        dataView(memory0).setUint32(arg4 + 4, ptr2, true);
      }
      
      task.resolve([ret]);
      task.exit();
    }
    _trampoline3.fnName = 'licensewarden:core/store#save';
    
    const _trampoline4 = function(arg0, arg1) {
      
      const hostProvided = true;
      
      let parentTask;
      let task;
      let subtask;
      
      const createTask = () => {
        const results = createNewCurrentTask({
          componentIdx: -1,
          isAsync: false,
          entryFnName: 'bytes',
          getCallbackFn: () => null,
          callbackFnName: null,
          errHandling: 'none',
          callingWasmExport: false,
        });
        task = results[0];
      };
      
      taskCreation: {
        parentTask = getCurrentTask(
        0,
        _getGlobalCurrentTaskMeta(0)?.taskID,
        )?.task;
        
        if (!parentTask) {
          createTask();
          break taskCreation;
        }
        
        createTask();
        
        if (hostProvided) {
          subtask = parentTask.getLatestSubtask();
          if (!subtask) {
            throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
          }
          task.setParentSubtask(subtask);
        }
      }
      
      const started = task.enterSync();
      let ret;
      
      
      try {
        ret = _withGlobalCurrentTaskMeta({
          componentIdx: task.componentIdx(),
          taskID: task.id(),
          fn: () => _trackHostOperation(() => bytes(arg0 >>> 0)),
        })
        ;
      } catch (err) {
        
        
        getOrCreateAsyncState(0).markTrapped(err);
        task.setErrored(err);
        task.reject(err);
        task.exit();
        throw err;
        
      }
      
      var val0 = ret;
      var len0 = Array.isArray(val0) ? val0.length : val0.byteLength;
      var ptr0 = realloc0(0, 0, 1, len0 * 1);
      
      let valData0;
      const valLenBytes0 = len0 * 1;
      if (Array.isArray(val0)) {
        // Regular array likely containing numbers, write values to memory
        let offset = 0;
        const dv0 = new DataView(memory0.buffer);
        for (const v of val0) {
          _requireValidNumericPrimitive.bind(null, 'u8')(v);
          dv0.setUint8(ptr0+ offset, v, true);
          offset += 1;
        }
      } else {
        // TypedArray / ArrayBuffer-like, direct copy
        valData0 = new Uint8Array(val0.buffer || val0, val0.byteOffset, valLenBytes0);
        const out0 = new Uint8Array(memory0.buffer, ptr0, valLenBytes0);
        out0.set(valData0);
      }
      
      dataView(memory0).setUint32(arg1 + 4, len0, true);
      dataView(memory0).setUint32(arg1 + 0, ptr0, true);
      
      task.resolve([ret]);
      task.exit();
    }
    _trampoline4.fnName = 'licensewarden:core/random#bytes';
    
    const _trampoline5 = function(arg0) {
      
      const hostProvided = true;
      
      let parentTask;
      let task;
      let subtask;
      
      const createTask = () => {
        const results = createNewCurrentTask({
          componentIdx: -1,
          isAsync: false,
          entryFnName: 'facts',
          getCallbackFn: () => null,
          callbackFnName: null,
          errHandling: 'none',
          callingWasmExport: false,
        });
        task = results[0];
      };
      
      taskCreation: {
        parentTask = getCurrentTask(
        0,
        _getGlobalCurrentTaskMeta(0)?.taskID,
        )?.task;
        
        if (!parentTask) {
          createTask();
          break taskCreation;
        }
        
        createTask();
        
        if (hostProvided) {
          subtask = parentTask.getLatestSubtask();
          if (!subtask) {
            throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
          }
          task.setParentSubtask(subtask);
        }
      }
      
      const started = task.enterSync();
      let ret;
      
      
      try {
        ret = _withGlobalCurrentTaskMeta({
          componentIdx: task.componentIdx(),
          taskID: task.id(),
          fn: () => _trackHostOperation(() => facts()),
        })
        ;
      } catch (err) {
        
        
        getOrCreateAsyncState(0).markTrapped(err);
        task.setErrored(err);
        task.reject(err);
        task.exit();
        throw err;
        
      }
      
      var {mac: v0_0, hostname: v0_1, arch: v0_2, os: v0_3 } = ret;
      
      var encodeRes = _utf8AllocateAndEncode(v0_0, realloc0, memory0);
      var ptr1= encodeRes.ptr;
      var len1 = encodeRes.len;
      
      dataView(memory0).setUint32(arg0 + 4, len1, true);
      dataView(memory0).setUint32(arg0 + 0, ptr1, true);
      
      var encodeRes = _utf8AllocateAndEncode(v0_1, realloc0, memory0);
      var ptr2= encodeRes.ptr;
      var len2 = encodeRes.len;
      
      dataView(memory0).setUint32(arg0 + 12, len2, true);
      dataView(memory0).setUint32(arg0 + 8, ptr2, true);
      
      var encodeRes = _utf8AllocateAndEncode(v0_2, realloc0, memory0);
      var ptr3= encodeRes.ptr;
      var len3 = encodeRes.len;
      
      dataView(memory0).setUint32(arg0 + 20, len3, true);
      dataView(memory0).setUint32(arg0 + 16, ptr3, true);
      
      var encodeRes = _utf8AllocateAndEncode(v0_3, realloc0, memory0);
      var ptr4= encodeRes.ptr;
      var len4 = encodeRes.len;
      
      dataView(memory0).setUint32(arg0 + 28, len4, true);
      dataView(memory0).setUint32(arg0 + 24, ptr4, true);
      
      task.resolve([ret]);
      task.exit();
    }
    _trampoline5.fnName = 'licensewarden:core/device#facts';
    let exports2;
    let postReturn0;
    let postReturn0Async;
    let postReturn1;
    let postReturn1Async;
    let postReturn2;
    let postReturn2Async;
    let postReturn3;
    let postReturn3Async;
    let postReturn4;
    let postReturn4Async;
    let postReturn5;
    let postReturn5Async;
    let postReturn6;
    let postReturn6Async;
    let postReturn7;
    let postReturn7Async;
    let postReturn8;
    let postReturn8Async;
    let postReturn9;
    let postReturn9Async;
    let postReturn10;
    let postReturn10Async;
    let postReturn11;
    let postReturn11Async;
    let postReturn12;
    let postReturn12Async;
    let postReturn13;
    let postReturn13Async;
    let postReturn14;
    let postReturn14Async;
    let postReturn15;
    let postReturn15Async;
    let postReturn16;
    let postReturn16Async;
    let postReturn17;
    let postReturn17Async;
    let postReturn18;
    let postReturn18Async;
    let postReturn19;
    let postReturn19Async;
    let exports1Configure;
    
    function configure(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Configure',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var ptr0 = realloc0(0, 0, 8, 112);
            var {trustedKeys: v1_0, policyJson: v1_1, demoMode: v1_2, online: v1_3, gatewayCacheBytes: v1_4 } = arg0;
            var vec6 = v1_0;
            var len6 = vec6.length;
            var result6 = realloc0(0, 0, 4, len6 * 20);
            for (let i = 0; i < vec6.length; i++) {
              const e = vec6[i];
              const base = result6 + i * 20;var {kid: v2_0, algorithm: v2_1, key: v2_2 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v2_0, realloc0, memory0);
              var ptr3= encodeRes.ptr;
              var len3 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len3, true);
              dataView(memory0).setUint32(base + 0, ptr3, true);
              var val4 = v2_1;
              let enum4;
              switch (val4) {
                case 'ed25519': {
                  enum4 = 0;
                  break;
                }
                case 'hmac-sha256': {
                  enum4 = 1;
                  break;
                }
                default: {
                  if ((v2_1) instanceof Error) {
                    console.error(v2_1);
                  }
                  
                  throw new TypeError(`"${val4}" is not one of the cases of algorithm`);
                }
              }
              dataView(memory0).setInt8(base + 8, enum4, true);
              
              var encodeRes = _utf8AllocateAndEncode(v2_2, realloc0, memory0);
              var ptr5= encodeRes.ptr;
              var len5 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 16, len5, true);
              dataView(memory0).setUint32(base + 12, ptr5, true);
            }
            dataView(memory0).setUint32(ptr0 + 4, len6, true);
            dataView(memory0).setUint32(ptr0 + 0, result6, true);
            
            var encodeRes = _utf8AllocateAndEncode(v1_1, realloc0, memory0);
            var ptr7= encodeRes.ptr;
            var len7 = encodeRes.len;
            
            dataView(memory0).setUint32(ptr0 + 12, len7, true);
            dataView(memory0).setUint32(ptr0 + 8, ptr7, true);
            dataView(memory0).setInt8(ptr0 + 16, v1_2 ? 1 : 0, true);
            var variant27 = v1_3;
            if (variant27 === null || variant27=== undefined) {
              dataView(memory0).setInt8(ptr0 + 20, 0, true);
            } else {
              const e = variant27;
              dataView(memory0).setInt8(ptr0 + 20, 1, true);
              var {serverUrl: v8_0, serverKeys: v8_1, leaseHours: v8_2, graceHours: v8_3, statusToken: v8_4, proxy: v8_5, caFile: v8_6, agent: v8_7, networkEnv: v8_8 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v8_0, realloc0, memory0);
              var ptr9= encodeRes.ptr;
              var len9 = encodeRes.len;
              
              dataView(memory0).setUint32(ptr0 + 28, len9, true);
              dataView(memory0).setUint32(ptr0 + 24, ptr9, true);
              var vec14 = v8_1;
              var len14 = vec14.length;
              var result14 = realloc0(0, 0, 4, len14 * 20);
              for (let i = 0; i < vec14.length; i++) {
                const e = vec14[i];
                const base = result14 + i * 20;var {kid: v10_0, algorithm: v10_1, key: v10_2 } = e;
                
                var encodeRes = _utf8AllocateAndEncode(v10_0, realloc0, memory0);
                var ptr11= encodeRes.ptr;
                var len11 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 4, len11, true);
                dataView(memory0).setUint32(base + 0, ptr11, true);
                var val12 = v10_1;
                let enum12;
                switch (val12) {
                  case 'ed25519': {
                    enum12 = 0;
                    break;
                  }
                  case 'hmac-sha256': {
                    enum12 = 1;
                    break;
                  }
                  default: {
                    if ((v10_1) instanceof Error) {
                      console.error(v10_1);
                    }
                    
                    throw new TypeError(`"${val12}" is not one of the cases of algorithm`);
                  }
                }
                dataView(memory0).setInt8(base + 8, enum12, true);
                
                var encodeRes = _utf8AllocateAndEncode(v10_2, realloc0, memory0);
                var ptr13= encodeRes.ptr;
                var len13 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 16, len13, true);
                dataView(memory0).setUint32(base + 12, ptr13, true);
              }
              dataView(memory0).setUint32(ptr0 + 36, len14, true);
              dataView(memory0).setUint32(ptr0 + 32, result14, true);
              dataView(memory0).setInt32(ptr0 + 40, toUint32(v8_2), true);
              dataView(memory0).setInt32(ptr0 + 44, toUint32(v8_3), true);
              var variant16 = v8_4;
              if (variant16 === null || variant16=== undefined) {
                dataView(memory0).setInt8(ptr0 + 48, 0, true);
              } else {
                const e = variant16;
                dataView(memory0).setInt8(ptr0 + 48, 1, true);
                
                var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                var ptr15= encodeRes.ptr;
                var len15 = encodeRes.len;
                
                dataView(memory0).setUint32(ptr0 + 56, len15, true);
                dataView(memory0).setUint32(ptr0 + 52, ptr15, true);
              }
              var variant18 = v8_5;
              if (variant18 === null || variant18=== undefined) {
                dataView(memory0).setInt8(ptr0 + 60, 0, true);
              } else {
                const e = variant18;
                dataView(memory0).setInt8(ptr0 + 60, 1, true);
                
                var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                var ptr17= encodeRes.ptr;
                var len17 = encodeRes.len;
                
                dataView(memory0).setUint32(ptr0 + 68, len17, true);
                dataView(memory0).setUint32(ptr0 + 64, ptr17, true);
              }
              var variant20 = v8_6;
              if (variant20 === null || variant20=== undefined) {
                dataView(memory0).setInt8(ptr0 + 72, 0, true);
              } else {
                const e = variant20;
                dataView(memory0).setInt8(ptr0 + 72, 1, true);
                
                var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                var ptr19= encodeRes.ptr;
                var len19 = encodeRes.len;
                
                dataView(memory0).setUint32(ptr0 + 80, len19, true);
                dataView(memory0).setUint32(ptr0 + 76, ptr19, true);
              }
              var variant22 = v8_7;
              if (variant22 === null || variant22=== undefined) {
                dataView(memory0).setInt8(ptr0 + 84, 0, true);
              } else {
                const e = variant22;
                dataView(memory0).setInt8(ptr0 + 84, 1, true);
                
                var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                var ptr21= encodeRes.ptr;
                var len21 = encodeRes.len;
                
                dataView(memory0).setUint32(ptr0 + 92, len21, true);
                dataView(memory0).setUint32(ptr0 + 88, ptr21, true);
              }
              var vec26 = v8_8;
              var len26 = vec26.length;
              var result26 = realloc0(0, 0, 4, len26 * 16);
              for (let i = 0; i < vec26.length; i++) {
                const e = vec26[i];
                const base = result26 + i * 16;var {key: v23_0, value: v23_1 } = e;
                
                var encodeRes = _utf8AllocateAndEncode(v23_0, realloc0, memory0);
                var ptr24= encodeRes.ptr;
                var len24 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 4, len24, true);
                dataView(memory0).setUint32(base + 0, ptr24, true);
                
                var encodeRes = _utf8AllocateAndEncode(v23_1, realloc0, memory0);
                var ptr25= encodeRes.ptr;
                var len25 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 12, len25, true);
                dataView(memory0).setUint32(base + 8, ptr25, true);
              }
              dataView(memory0).setUint32(ptr0 + 100, len26, true);
              dataView(memory0).setUint32(ptr0 + 96, result26, true);
            }
            dataView(memory0).setBigInt64(ptr0 + 104, toUint64(v1_4), true);
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Configure(ptr0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant33;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant33= {
                  tag: 'ok',
                  val: undefined
                };
                break;
              }
              case 1: {
                let enum28;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum28 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum28 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum28 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum28 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum28 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum28 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum28 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum28 = 'expired';
                    break;
                  }
                  case 8: {
                    enum28 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum28 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum28 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum28 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum28 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum28 = 'internal';
                    break;
                  }
                  case 14: {
                    enum28 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum28 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum28 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum28 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum28 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum28 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum28 = 'offline';
                    break;
                  }
                  case 21: {
                    enum28 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum28 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum28 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum28 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum28 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum28 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr29 = dataView(memory0).getUint32(ret + 8, true);
                var len29 = dataView(memory0).getUint32(ret + 12, true);
                var result29 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr29, len29));
                var len32 = dataView(memory0).getUint32(ret + 20, true);
                var base32 = dataView(memory0).getUint32(ret + 16, true);
                if (base32 % 4 !== 0) throw new TypeError(`list pointer [${base32}] is not aligned to 4`);
                var result32 = [];
                for (let i = 0; i < len32; i++) {
                  const base = base32 + i * 16;
                  var ptr30 = dataView(memory0).getUint32(base + 0, true);
                  var len30 = dataView(memory0).getUint32(base + 4, true);
                  var result30 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr30, len30));
                  var ptr31 = dataView(memory0).getUint32(base + 8, true);
                  var len31 = dataView(memory0).getUint32(base + 12, true);
                  var result31 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr31, len31));
                  result32.push({
                    key: result30,
                    value: result31,
                  });
                }
                variant33= {
                  tag: 'err',
                  val: {
                    code: enum28,
                    message: result29,
                    details: result32,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant33;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn0(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1Verify;
    
    function verify(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Verify',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Verify(ptr0, len0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant17;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                var ptr1 = dataView(memory0).getUint32(ret + 8, true);
                var len1 = dataView(memory0).getUint32(ret + 12, true);
                var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
                var ptr2 = dataView(memory0).getUint32(ret + 16, true);
                var len2 = dataView(memory0).getUint32(ret + 20, true);
                var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
                var ptr3 = dataView(memory0).getUint32(ret + 24, true);
                var len3 = dataView(memory0).getUint32(ret + 28, true);
                var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                var ptr4 = dataView(memory0).getUint32(ret + 32, true);
                var len4 = dataView(memory0).getUint32(ret + 36, true);
                var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                var len6 = dataView(memory0).getUint32(ret + 44, true);
                var base6 = dataView(memory0).getUint32(ret + 40, true);
                if (base6 % 4 !== 0) throw new TypeError(`list pointer [${base6}] is not aligned to 4`);
                var result6 = [];
                for (let i = 0; i < len6; i++) {
                  const base = base6 + i * 8;
                  var ptr5 = dataView(memory0).getUint32(base + 0, true);
                  var len5 = dataView(memory0).getUint32(base + 4, true);
                  var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
                  result6.push(result5);
                }
                var len8 = dataView(memory0).getUint32(ret + 52, true);
                var base8 = dataView(memory0).getUint32(ret + 48, true);
                if (base8 % 8 !== 0) throw new TypeError(`list pointer [${base8}] is not aligned to 8`);
                var result8 = [];
                for (let i = 0; i < len8; i++) {
                  const base = base8 + i * 16;
                  var ptr7 = dataView(memory0).getUint32(base + 0, true);
                  var len7 = dataView(memory0).getUint32(base + 4, true);
                  var result7 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr7, len7));
                  result8.push({
                    name: result7,
                    max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
                  });
                }
                let variant9;
                switch (dataView(memory0).getUint8(ret + 64, true)) {
                  case 0: {
                    variant9 = undefined;
                    break;
                  }
                  case 1: {
                    variant9 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 72, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant10;
                switch (dataView(memory0).getUint8(ret + 80, true)) {
                  case 0: {
                    variant10 = undefined;
                    break;
                  }
                  case 1: {
                    variant10 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 88, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                var ptr11 = dataView(memory0).getUint32(ret + 96, true);
                var len11 = dataView(memory0).getUint32(ret + 100, true);
                var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                variant17= {
                  tag: 'ok',
                  val: {
                    id: result1,
                    org: result2,
                    plan: result3,
                    kid: result4,
                    features: result6,
                    limits: result8,
                    issuedAt: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 56, true))),
                    notBefore: variant9,
                    expiresAt: variant10,
                    extraJson: result11,
                  }
                };
                break;
              }
              case 1: {
                let enum12;
                switch (dataView(memory0).getUint8(ret + 8, true)) {
                  case 0: {
                    enum12 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum12 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum12 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum12 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum12 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum12 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum12 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum12 = 'expired';
                    break;
                  }
                  case 8: {
                    enum12 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum12 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum12 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum12 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum12 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum12 = 'internal';
                    break;
                  }
                  case 14: {
                    enum12 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum12 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum12 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum12 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum12 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum12 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum12 = 'offline';
                    break;
                  }
                  case 21: {
                    enum12 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum12 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum12 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum12 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum12 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum12 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr13 = dataView(memory0).getUint32(ret + 12, true);
                var len13 = dataView(memory0).getUint32(ret + 16, true);
                var result13 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr13, len13));
                var len16 = dataView(memory0).getUint32(ret + 24, true);
                var base16 = dataView(memory0).getUint32(ret + 20, true);
                if (base16 % 4 !== 0) throw new TypeError(`list pointer [${base16}] is not aligned to 4`);
                var result16 = [];
                for (let i = 0; i < len16; i++) {
                  const base = base16 + i * 16;
                  var ptr14 = dataView(memory0).getUint32(base + 0, true);
                  var len14 = dataView(memory0).getUint32(base + 4, true);
                  var result14 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr14, len14));
                  var ptr15 = dataView(memory0).getUint32(base + 8, true);
                  var len15 = dataView(memory0).getUint32(base + 12, true);
                  var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
                  result16.push({
                    key: result14,
                    value: result15,
                  });
                }
                variant17= {
                  tag: 'err',
                  val: {
                    code: enum12,
                    message: result13,
                    details: result16,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant17;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn1(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1Load;
    
    function load$1(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Load',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var variant7 = arg0;
            let variant7_0;
            let variant7_1;
            let variant7_2;
            let variant7_3;
            let variant7_4;
            let variant7_5;
            switch (variant7.tag) {
              case 'none': {
                variant7_0 = 0;
                variant7_1 = 0;
                variant7_2 = 0;
                variant7_3 = 0;
                variant7_4 = 0;
                variant7_5 = 0;
                break;
              }
              case 'key': {
                const e = variant7.val;
                var {token: v0_0, source: v0_1 } = e;
                
                var encodeRes = _utf8AllocateAndEncode(v0_0, realloc0, memory0);
                var ptr1= encodeRes.ptr;
                var len1 = encodeRes.len;
                
                
                var encodeRes = _utf8AllocateAndEncode(v0_1, realloc0, memory0);
                var ptr2= encodeRes.ptr;
                var len2 = encodeRes.len;
                
                variant7_0 = 1;
                variant7_1 = ptr1;
                variant7_2 = len1;
                variant7_3 = ptr2;
                variant7_4 = len2;
                variant7_5 = 0;
                break;
              }
              case 'unreadable': {
                const e = variant7.val;
                var {source: v3_0, reason: v3_1, detail: v3_2 } = e;
                
                var encodeRes = _utf8AllocateAndEncode(v3_0, realloc0, memory0);
                var ptr4= encodeRes.ptr;
                var len4 = encodeRes.len;
                
                var val5 = v3_1;
                let enum5;
                switch (val5) {
                  case 'not-found': {
                    enum5 = 0;
                    break;
                  }
                  case 'permission-denied': {
                    enum5 = 1;
                    break;
                  }
                  case 'not-a-regular-file': {
                    enum5 = 2;
                    break;
                  }
                  case 'too-large': {
                    enum5 = 3;
                    break;
                  }
                  case 'not-utf8': {
                    enum5 = 4;
                    break;
                  }
                  case 'no-key-line': {
                    enum5 = 5;
                    break;
                  }
                  case 'other': {
                    enum5 = 6;
                    break;
                  }
                  default: {
                    if ((v3_1) instanceof Error) {
                      console.error(v3_1);
                    }
                    
                    throw new TypeError(`"${val5}" is not one of the cases of unreadable-reason`);
                  }
                }
                
                var encodeRes = _utf8AllocateAndEncode(v3_2, realloc0, memory0);
                var ptr6= encodeRes.ptr;
                var len6 = encodeRes.len;
                
                variant7_0 = 2;
                variant7_1 = ptr4;
                variant7_2 = len4;
                variant7_3 = enum5;
                variant7_4 = ptr6;
                variant7_5 = len6;
                break;
              }
              default: {
                throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant7.tag)}\` (received \`${variant7}\`) specified for \`KeyInput\``);
              }
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Load(variant7_0, variant7_1, variant7_2, variant7_3, variant7_4, variant7_5),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let enum8;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                enum8 = 'active';
                break;
              }
              case 1: {
                enum8 = 'community';
                break;
              }
              case 2: {
                enum8 = 'expired';
                break;
              }
              case 3: {
                enum8 = 'not-yet-valid';
                break;
              }
              case 4: {
                enum8 = 'invalid';
                break;
              }
              case 5: {
                enum8 = 'demo';
                break;
              }
              case 6: {
                enum8 = 'grace';
                break;
              }
              case 7: {
                enum8 = 'restricted';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Status');
              }
            }
            var ptr9 = dataView(memory0).getUint32(ret + 4, true);
            var len9 = dataView(memory0).getUint32(ret + 8, true);
            var result9 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr9, len9));
            var bool10 = dataView(memory0).getUint8(ret + 12, true);
            var len12 = dataView(memory0).getUint32(ret + 20, true);
            var base12 = dataView(memory0).getUint32(ret + 16, true);
            if (base12 % 4 !== 0) throw new TypeError(`list pointer [${base12}] is not aligned to 4`);
            var result12 = [];
            for (let i = 0; i < len12; i++) {
              const base = base12 + i * 8;
              var ptr11 = dataView(memory0).getUint32(base + 0, true);
              var len11 = dataView(memory0).getUint32(base + 4, true);
              var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
              result12.push(result11);
            }
            var len14 = dataView(memory0).getUint32(ret + 28, true);
            var base14 = dataView(memory0).getUint32(ret + 24, true);
            if (base14 % 8 !== 0) throw new TypeError(`list pointer [${base14}] is not aligned to 8`);
            var result14 = [];
            for (let i = 0; i < len14; i++) {
              const base = base14 + i * 16;
              var ptr13 = dataView(memory0).getUint32(base + 0, true);
              var len13 = dataView(memory0).getUint32(base + 4, true);
              var result13 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr13, len13));
              result14.push({
                name: result13,
                max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
              });
            }
            var bool15 = dataView(memory0).getUint8(ret + 32, true);
            let variant16;
            switch (dataView(memory0).getUint8(ret + 40, true)) {
              case 0: {
                variant16 = undefined;
                break;
              }
              case 1: {
                variant16 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 48, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant22;
            switch (dataView(memory0).getUint8(ret + 56, true)) {
              case 0: {
                variant22 = undefined;
                break;
              }
              case 1: {
                let enum17;
                switch (dataView(memory0).getUint8(ret + 60, true)) {
                  case 0: {
                    enum17 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum17 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum17 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum17 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum17 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum17 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum17 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum17 = 'expired';
                    break;
                  }
                  case 8: {
                    enum17 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum17 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum17 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum17 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum17 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum17 = 'internal';
                    break;
                  }
                  case 14: {
                    enum17 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum17 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum17 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum17 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum17 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum17 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum17 = 'offline';
                    break;
                  }
                  case 21: {
                    enum17 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum17 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum17 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum17 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum17 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum17 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr18 = dataView(memory0).getUint32(ret + 64, true);
                var len18 = dataView(memory0).getUint32(ret + 68, true);
                var result18 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr18, len18));
                var len21 = dataView(memory0).getUint32(ret + 76, true);
                var base21 = dataView(memory0).getUint32(ret + 72, true);
                if (base21 % 4 !== 0) throw new TypeError(`list pointer [${base21}] is not aligned to 4`);
                var result21 = [];
                for (let i = 0; i < len21; i++) {
                  const base = base21 + i * 16;
                  var ptr19 = dataView(memory0).getUint32(base + 0, true);
                  var len19 = dataView(memory0).getUint32(base + 4, true);
                  var result19 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr19, len19));
                  var ptr20 = dataView(memory0).getUint32(base + 8, true);
                  var len20 = dataView(memory0).getUint32(base + 12, true);
                  var result20 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr20, len20));
                  result21.push({
                    key: result19,
                    value: result20,
                  });
                }
                variant22 = {
                  code: enum17,
                  message: result18,
                  details: result21,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant24;
            switch (dataView(memory0).getUint8(ret + 80, true)) {
              case 0: {
                variant24 = undefined;
                break;
              }
              case 1: {
                var ptr23 = dataView(memory0).getUint32(ret + 84, true);
                var len23 = dataView(memory0).getUint32(ret + 88, true);
                var result23 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr23, len23));
                variant24 = result23;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([{
              status: enum8,
              plan: result9,
              allFeatures: bool10 == 0 ? false : (bool10 == 1 ? true : throwInvalidBool()),
              features: result12,
              limits: result14,
              blocking: bool15 == 0 ? false : (bool15 == 1 ? true : throwInvalidBool()),
              validUntil: variant16,
              error: variant22,
              warning: variant24,
            }]);
            const retCopy = {
              status: enum8,
              plan: result9,
              allFeatures: bool10 == 0 ? false : (bool10 == 1 ? true : throwInvalidBool()),
              features: result12,
              limits: result14,
              blocking: bool15 == 0 ? false : (bool15 == 1 ? true : throwInvalidBool()),
              validUntil: variant16,
              error: variant22,
              warning: variant24,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn2(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1Snapshot;
    
    function snapshot() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Snapshot',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Snapshot(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let enum0;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                enum0 = 'active';
                break;
              }
              case 1: {
                enum0 = 'community';
                break;
              }
              case 2: {
                enum0 = 'expired';
                break;
              }
              case 3: {
                enum0 = 'not-yet-valid';
                break;
              }
              case 4: {
                enum0 = 'invalid';
                break;
              }
              case 5: {
                enum0 = 'demo';
                break;
              }
              case 6: {
                enum0 = 'grace';
                break;
              }
              case 7: {
                enum0 = 'restricted';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Status');
              }
            }
            var ptr1 = dataView(memory0).getUint32(ret + 4, true);
            var len1 = dataView(memory0).getUint32(ret + 8, true);
            var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
            var bool2 = dataView(memory0).getUint8(ret + 12, true);
            var len4 = dataView(memory0).getUint32(ret + 20, true);
            var base4 = dataView(memory0).getUint32(ret + 16, true);
            if (base4 % 4 !== 0) throw new TypeError(`list pointer [${base4}] is not aligned to 4`);
            var result4 = [];
            for (let i = 0; i < len4; i++) {
              const base = base4 + i * 8;
              var ptr3 = dataView(memory0).getUint32(base + 0, true);
              var len3 = dataView(memory0).getUint32(base + 4, true);
              var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
              result4.push(result3);
            }
            var len6 = dataView(memory0).getUint32(ret + 28, true);
            var base6 = dataView(memory0).getUint32(ret + 24, true);
            if (base6 % 8 !== 0) throw new TypeError(`list pointer [${base6}] is not aligned to 8`);
            var result6 = [];
            for (let i = 0; i < len6; i++) {
              const base = base6 + i * 16;
              var ptr5 = dataView(memory0).getUint32(base + 0, true);
              var len5 = dataView(memory0).getUint32(base + 4, true);
              var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
              result6.push({
                name: result5,
                max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
              });
            }
            var bool7 = dataView(memory0).getUint8(ret + 32, true);
            let variant8;
            switch (dataView(memory0).getUint8(ret + 40, true)) {
              case 0: {
                variant8 = undefined;
                break;
              }
              case 1: {
                variant8 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 48, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant14;
            switch (dataView(memory0).getUint8(ret + 56, true)) {
              case 0: {
                variant14 = undefined;
                break;
              }
              case 1: {
                let enum9;
                switch (dataView(memory0).getUint8(ret + 60, true)) {
                  case 0: {
                    enum9 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum9 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum9 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum9 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum9 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum9 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum9 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum9 = 'expired';
                    break;
                  }
                  case 8: {
                    enum9 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum9 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum9 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum9 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum9 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum9 = 'internal';
                    break;
                  }
                  case 14: {
                    enum9 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum9 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum9 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum9 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum9 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum9 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum9 = 'offline';
                    break;
                  }
                  case 21: {
                    enum9 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum9 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum9 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum9 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum9 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum9 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr10 = dataView(memory0).getUint32(ret + 64, true);
                var len10 = dataView(memory0).getUint32(ret + 68, true);
                var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                var len13 = dataView(memory0).getUint32(ret + 76, true);
                var base13 = dataView(memory0).getUint32(ret + 72, true);
                if (base13 % 4 !== 0) throw new TypeError(`list pointer [${base13}] is not aligned to 4`);
                var result13 = [];
                for (let i = 0; i < len13; i++) {
                  const base = base13 + i * 16;
                  var ptr11 = dataView(memory0).getUint32(base + 0, true);
                  var len11 = dataView(memory0).getUint32(base + 4, true);
                  var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                  var ptr12 = dataView(memory0).getUint32(base + 8, true);
                  var len12 = dataView(memory0).getUint32(base + 12, true);
                  var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
                  result13.push({
                    key: result11,
                    value: result12,
                  });
                }
                variant14 = {
                  code: enum9,
                  message: result10,
                  details: result13,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant16;
            switch (dataView(memory0).getUint8(ret + 80, true)) {
              case 0: {
                variant16 = undefined;
                break;
              }
              case 1: {
                var ptr15 = dataView(memory0).getUint32(ret + 84, true);
                var len15 = dataView(memory0).getUint32(ret + 88, true);
                var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
                variant16 = result15;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([{
              status: enum0,
              plan: result1,
              allFeatures: bool2 == 0 ? false : (bool2 == 1 ? true : throwInvalidBool()),
              features: result4,
              limits: result6,
              blocking: bool7 == 0 ? false : (bool7 == 1 ? true : throwInvalidBool()),
              validUntil: variant8,
              error: variant14,
              warning: variant16,
            }]);
            const retCopy = {
              status: enum0,
              plan: result1,
              allFeatures: bool2 == 0 ? false : (bool2 == 1 ? true : throwInvalidBool()),
              features: result4,
              limits: result6,
              blocking: bool7 == 0 ? false : (bool7 == 1 ? true : throwInvalidBool()),
              validUntil: variant8,
              error: variant14,
              warning: variant16,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn2(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1Info;
    
    function info() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Info',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Info(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var bool0 = dataView(memory0).getUint8(ret + 0, true);
            let enum1;
            switch (dataView(memory0).getUint8(ret + 1, true)) {
              case 0: {
                enum1 = 'active';
                break;
              }
              case 1: {
                enum1 = 'community';
                break;
              }
              case 2: {
                enum1 = 'expired';
                break;
              }
              case 3: {
                enum1 = 'not-yet-valid';
                break;
              }
              case 4: {
                enum1 = 'invalid';
                break;
              }
              case 5: {
                enum1 = 'demo';
                break;
              }
              case 6: {
                enum1 = 'grace';
                break;
              }
              case 7: {
                enum1 = 'restricted';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Status');
              }
            }
            var ptr2 = dataView(memory0).getUint32(ret + 4, true);
            var len2 = dataView(memory0).getUint32(ret + 8, true);
            var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
            let variant4;
            switch (dataView(memory0).getUint8(ret + 12, true)) {
              case 0: {
                variant4 = undefined;
                break;
              }
              case 1: {
                var ptr3 = dataView(memory0).getUint32(ret + 16, true);
                var len3 = dataView(memory0).getUint32(ret + 20, true);
                var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                variant4 = result3;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant6;
            switch (dataView(memory0).getUint8(ret + 24, true)) {
              case 0: {
                variant6 = undefined;
                break;
              }
              case 1: {
                var ptr5 = dataView(memory0).getUint32(ret + 28, true);
                var len5 = dataView(memory0).getUint32(ret + 32, true);
                var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
                variant6 = result5;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant8;
            switch (dataView(memory0).getUint8(ret + 36, true)) {
              case 0: {
                variant8 = undefined;
                break;
              }
              case 1: {
                var ptr7 = dataView(memory0).getUint32(ret + 40, true);
                var len7 = dataView(memory0).getUint32(ret + 44, true);
                var result7 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr7, len7));
                variant8 = result7;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var ptr9 = dataView(memory0).getUint32(ret + 48, true);
            var len9 = dataView(memory0).getUint32(ret + 52, true);
            var result9 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr9, len9));
            var len12 = dataView(memory0).getUint32(ret + 60, true);
            var base12 = dataView(memory0).getUint32(ret + 56, true);
            if (base12 % 4 !== 0) throw new TypeError(`list pointer [${base12}] is not aligned to 4`);
            var result12 = [];
            for (let i = 0; i < len12; i++) {
              const base = base12 + i * 12;
              var ptr10 = dataView(memory0).getUint32(base + 0, true);
              var len10 = dataView(memory0).getUint32(base + 4, true);
              var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
              var bool11 = dataView(memory0).getUint8(base + 8, true);
              result12.push({
                name: result10,
                enabled: bool11 == 0 ? false : (bool11 == 1 ? true : throwInvalidBool()),
              });
            }
            var len15 = dataView(memory0).getUint32(ret + 68, true);
            var base15 = dataView(memory0).getUint32(ret + 64, true);
            if (base15 % 8 !== 0) throw new TypeError(`list pointer [${base15}] is not aligned to 8`);
            var result15 = [];
            for (let i = 0; i < len15; i++) {
              const base = base15 + i * 32;
              var ptr13 = dataView(memory0).getUint32(base + 0, true);
              var len13 = dataView(memory0).getUint32(base + 4, true);
              var result13 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr13, len13));
              var bool14 = dataView(memory0).getUint8(base + 24, true);
              result15.push({
                name: result13,
                max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
                current: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 16, true))),
                soft: bool14 == 0 ? false : (bool14 == 1 ? true : throwInvalidBool()),
              });
            }
            let variant16;
            switch (dataView(memory0).getUint8(ret + 72, true)) {
              case 0: {
                variant16 = undefined;
                break;
              }
              case 1: {
                variant16 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 80, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant17;
            switch (dataView(memory0).getUint8(ret + 88, true)) {
              case 0: {
                variant17 = undefined;
                break;
              }
              case 1: {
                variant17 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 96, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant19;
            switch (dataView(memory0).getUint8(ret + 104, true)) {
              case 0: {
                variant19 = undefined;
                break;
              }
              case 1: {
                var ptr18 = dataView(memory0).getUint32(ret + 108, true);
                var len18 = dataView(memory0).getUint32(ret + 112, true);
                var result18 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr18, len18));
                variant19 = result18;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant20;
            switch (dataView(memory0).getUint8(ret + 116, true)) {
              case 0: {
                variant20 = undefined;
                break;
              }
              case 1: {
                variant20 = dataView(memory0).getInt32(ret + 120, true) >>> 0;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var bool21 = dataView(memory0).getUint8(ret + 124, true);
            var ptr22 = dataView(memory0).getUint32(ret + 128, true);
            var len22 = dataView(memory0).getUint32(ret + 132, true);
            var result22 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr22, len22));
            let variant28;
            switch (dataView(memory0).getUint8(ret + 136, true)) {
              case 0: {
                variant28 = undefined;
                break;
              }
              case 1: {
                let enum23;
                switch (dataView(memory0).getUint8(ret + 140, true)) {
                  case 0: {
                    enum23 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum23 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum23 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum23 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum23 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum23 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum23 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum23 = 'expired';
                    break;
                  }
                  case 8: {
                    enum23 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum23 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum23 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum23 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum23 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum23 = 'internal';
                    break;
                  }
                  case 14: {
                    enum23 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum23 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum23 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum23 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum23 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum23 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum23 = 'offline';
                    break;
                  }
                  case 21: {
                    enum23 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum23 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum23 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum23 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum23 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum23 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr24 = dataView(memory0).getUint32(ret + 144, true);
                var len24 = dataView(memory0).getUint32(ret + 148, true);
                var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
                var len27 = dataView(memory0).getUint32(ret + 156, true);
                var base27 = dataView(memory0).getUint32(ret + 152, true);
                if (base27 % 4 !== 0) throw new TypeError(`list pointer [${base27}] is not aligned to 4`);
                var result27 = [];
                for (let i = 0; i < len27; i++) {
                  const base = base27 + i * 16;
                  var ptr25 = dataView(memory0).getUint32(base + 0, true);
                  var len25 = dataView(memory0).getUint32(base + 4, true);
                  var result25 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr25, len25));
                  var ptr26 = dataView(memory0).getUint32(base + 8, true);
                  var len26 = dataView(memory0).getUint32(base + 12, true);
                  var result26 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr26, len26));
                  result27.push({
                    key: result25,
                    value: result26,
                  });
                }
                variant28 = {
                  code: enum23,
                  message: result24,
                  details: result27,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant50;
            switch (dataView(memory0).getUint8(ret + 160, true)) {
              case 0: {
                variant50 = undefined;
                break;
              }
              case 1: {
                var ptr29 = dataView(memory0).getUint32(ret + 168, true);
                var len29 = dataView(memory0).getUint32(ret + 172, true);
                var result29 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr29, len29));
                let variant30;
                switch (dataView(memory0).getUint8(ret + 176, true)) {
                  case 0: {
                    variant30 = undefined;
                    break;
                  }
                  case 1: {
                    variant30 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 184, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant31;
                switch (dataView(memory0).getUint8(ret + 192, true)) {
                  case 0: {
                    variant31 = undefined;
                    break;
                  }
                  case 1: {
                    variant31 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 200, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant32;
                switch (dataView(memory0).getUint8(ret + 208, true)) {
                  case 0: {
                    variant32 = undefined;
                    break;
                  }
                  case 1: {
                    variant32 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 216, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant33;
                switch (dataView(memory0).getUint8(ret + 224, true)) {
                  case 0: {
                    variant33 = undefined;
                    break;
                  }
                  case 1: {
                    variant33 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 232, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant34;
                switch (dataView(memory0).getUint8(ret + 240, true)) {
                  case 0: {
                    variant34 = undefined;
                    break;
                  }
                  case 1: {
                    variant34 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 248, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant40;
                switch (dataView(memory0).getUint8(ret + 256, true)) {
                  case 0: {
                    variant40 = undefined;
                    break;
                  }
                  case 1: {
                    let enum35;
                    switch (dataView(memory0).getUint8(ret + 260, true)) {
                      case 0: {
                        enum35 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum35 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum35 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum35 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum35 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum35 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum35 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum35 = 'expired';
                        break;
                      }
                      case 8: {
                        enum35 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum35 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum35 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum35 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum35 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum35 = 'internal';
                        break;
                      }
                      case 14: {
                        enum35 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum35 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum35 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum35 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum35 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum35 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum35 = 'offline';
                        break;
                      }
                      case 21: {
                        enum35 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum35 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum35 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum35 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum35 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum35 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr36 = dataView(memory0).getUint32(ret + 264, true);
                    var len36 = dataView(memory0).getUint32(ret + 268, true);
                    var result36 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr36, len36));
                    var len39 = dataView(memory0).getUint32(ret + 276, true);
                    var base39 = dataView(memory0).getUint32(ret + 272, true);
                    if (base39 % 4 !== 0) throw new TypeError(`list pointer [${base39}] is not aligned to 4`);
                    var result39 = [];
                    for (let i = 0; i < len39; i++) {
                      const base = base39 + i * 16;
                      var ptr37 = dataView(memory0).getUint32(base + 0, true);
                      var len37 = dataView(memory0).getUint32(base + 4, true);
                      var result37 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr37, len37));
                      var ptr38 = dataView(memory0).getUint32(base + 8, true);
                      var len38 = dataView(memory0).getUint32(base + 12, true);
                      var result38 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr38, len38));
                      result39.push({
                        key: result37,
                        value: result38,
                      });
                    }
                    variant40 = {
                      code: enum35,
                      message: result36,
                      details: result39,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant46;
                switch (dataView(memory0).getUint8(ret + 280, true)) {
                  case 0: {
                    variant46 = undefined;
                    break;
                  }
                  case 1: {
                    let enum41;
                    switch (dataView(memory0).getUint8(ret + 284, true)) {
                      case 0: {
                        enum41 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum41 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum41 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum41 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum41 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum41 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum41 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum41 = 'expired';
                        break;
                      }
                      case 8: {
                        enum41 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum41 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum41 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum41 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum41 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum41 = 'internal';
                        break;
                      }
                      case 14: {
                        enum41 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum41 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum41 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum41 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum41 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum41 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum41 = 'offline';
                        break;
                      }
                      case 21: {
                        enum41 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum41 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum41 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum41 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum41 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum41 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr42 = dataView(memory0).getUint32(ret + 288, true);
                    var len42 = dataView(memory0).getUint32(ret + 292, true);
                    var result42 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr42, len42));
                    var len45 = dataView(memory0).getUint32(ret + 300, true);
                    var base45 = dataView(memory0).getUint32(ret + 296, true);
                    if (base45 % 4 !== 0) throw new TypeError(`list pointer [${base45}] is not aligned to 4`);
                    var result45 = [];
                    for (let i = 0; i < len45; i++) {
                      const base = base45 + i * 16;
                      var ptr43 = dataView(memory0).getUint32(base + 0, true);
                      var len43 = dataView(memory0).getUint32(base + 4, true);
                      var result43 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr43, len43));
                      var ptr44 = dataView(memory0).getUint32(base + 8, true);
                      var len44 = dataView(memory0).getUint32(base + 12, true);
                      var result44 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr44, len44));
                      result45.push({
                        key: result43,
                        value: result44,
                      });
                    }
                    variant46 = {
                      code: enum41,
                      message: result42,
                      details: result45,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant48;
                switch (dataView(memory0).getUint8(ret + 304, true)) {
                  case 0: {
                    variant48 = undefined;
                    break;
                  }
                  case 1: {
                    var ptr47 = dataView(memory0).getUint32(ret + 308, true);
                    var len47 = dataView(memory0).getUint32(ret + 312, true);
                    var result47 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr47, len47));
                    variant48 = result47;
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant49;
                switch (dataView(memory0).getUint8(ret + 320, true)) {
                  case 0: {
                    variant49 = undefined;
                    break;
                  }
                  case 1: {
                    variant49 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 328, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                variant50 = {
                  serverUrl: result29,
                  lastValidated: variant30,
                  nextCheck: variant31,
                  graceEnds: variant32,
                  devicesRegistered: variant33,
                  devicesMax: variant34,
                  lastError: variant40,
                  stateError: variant46,
                  termsChanged: variant48,
                  activationEnds: variant49,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant59;
            switch (dataView(memory0).getUint8(ret + 336, true)) {
              case 0: {
                variant59 = undefined;
                break;
              }
              case 1: {
                var bool51 = dataView(memory0).getUint8(ret + 340, true);
                var ptr52 = dataView(memory0).getUint32(ret + 352, true);
                var len52 = dataView(memory0).getUint32(ret + 356, true);
                var result52 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr52, len52));
                let variant58;
                switch (dataView(memory0).getUint8(ret + 360, true)) {
                  case 0: {
                    variant58 = undefined;
                    break;
                  }
                  case 1: {
                    let enum53;
                    switch (dataView(memory0).getUint8(ret + 364, true)) {
                      case 0: {
                        enum53 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum53 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum53 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum53 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum53 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum53 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum53 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum53 = 'expired';
                        break;
                      }
                      case 8: {
                        enum53 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum53 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum53 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum53 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum53 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum53 = 'internal';
                        break;
                      }
                      case 14: {
                        enum53 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum53 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum53 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum53 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum53 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum53 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum53 = 'offline';
                        break;
                      }
                      case 21: {
                        enum53 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum53 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum53 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum53 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum53 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum53 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr54 = dataView(memory0).getUint32(ret + 368, true);
                    var len54 = dataView(memory0).getUint32(ret + 372, true);
                    var result54 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr54, len54));
                    var len57 = dataView(memory0).getUint32(ret + 380, true);
                    var base57 = dataView(memory0).getUint32(ret + 376, true);
                    if (base57 % 4 !== 0) throw new TypeError(`list pointer [${base57}] is not aligned to 4`);
                    var result57 = [];
                    for (let i = 0; i < len57; i++) {
                      const base = base57 + i * 16;
                      var ptr55 = dataView(memory0).getUint32(base + 0, true);
                      var len55 = dataView(memory0).getUint32(base + 4, true);
                      var result55 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr55, len55));
                      var ptr56 = dataView(memory0).getUint32(base + 8, true);
                      var len56 = dataView(memory0).getUint32(base + 12, true);
                      var result56 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr56, len56));
                      result57.push({
                        key: result55,
                        value: result56,
                      });
                    }
                    variant58 = {
                      code: enum53,
                      message: result54,
                      details: result57,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                variant59 = {
                  enforced: bool51 == 0 ? false : (bool51 == 1 ? true : throwInvalidBool()),
                  roles: dataView(memory0).getInt32(ret + 344, true) >>> 0,
                  patterns: dataView(memory0).getInt32(ret + 348, true) >>> 0,
                  message: result52,
                  error: variant58,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([{
              valid: bool0 == 0 ? false : (bool0 == 1 ? true : throwInvalidBool()),
              status: enum1,
              plan: result2,
              licenseId: variant4,
              org: variant6,
              kid: variant8,
              keySource: result9,
              features: result12,
              limits: result15,
              issuedAt: variant16,
              expiresAt: variant17,
              expiresText: variant19,
              daysRemaining: variant20,
              demo: bool21 == 0 ? false : (bool21 == 1 ? true : throwInvalidBool()),
              deviceId: result22,
              error: variant28,
              online: variant50,
              access: variant59,
            }]);
            const retCopy = {
              valid: bool0 == 0 ? false : (bool0 == 1 ? true : throwInvalidBool()),
              status: enum1,
              plan: result2,
              licenseId: variant4,
              org: variant6,
              kid: variant8,
              keySource: result9,
              features: result12,
              limits: result15,
              issuedAt: variant16,
              expiresAt: variant17,
              expiresText: variant19,
              daysRemaining: variant20,
              demo: bool21 == 0 ? false : (bool21 == 1 ? true : throwInvalidBool()),
              deviceId: result22,
              error: variant28,
              online: variant50,
              access: variant59,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn3(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1InfoJson;
    
    function infoJson() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1InfoJson',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1InfoJson(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var ptr0 = dataView(memory0).getUint32(ret + 0, true);
            var len0 = dataView(memory0).getUint32(ret + 4, true);
            var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
            
            task.resolve([result0]);
            const retCopy = result0;
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn4(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1CheckFeature;
    
    function checkFeature(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1CheckFeature',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1CheckFeature(ptr0, len0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant6;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant6= {
                  tag: 'ok',
                  val: undefined
                };
                break;
              }
              case 1: {
                let enum1;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum1 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum1 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum1 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum1 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum1 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum1 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum1 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum1 = 'expired';
                    break;
                  }
                  case 8: {
                    enum1 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum1 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum1 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum1 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum1 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum1 = 'internal';
                    break;
                  }
                  case 14: {
                    enum1 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum1 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum1 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum1 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum1 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum1 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum1 = 'offline';
                    break;
                  }
                  case 21: {
                    enum1 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum1 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum1 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum1 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum1 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum1 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr2 = dataView(memory0).getUint32(ret + 8, true);
                var len2 = dataView(memory0).getUint32(ret + 12, true);
                var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
                var len5 = dataView(memory0).getUint32(ret + 20, true);
                var base5 = dataView(memory0).getUint32(ret + 16, true);
                if (base5 % 4 !== 0) throw new TypeError(`list pointer [${base5}] is not aligned to 4`);
                var result5 = [];
                for (let i = 0; i < len5; i++) {
                  const base = base5 + i * 16;
                  var ptr3 = dataView(memory0).getUint32(base + 0, true);
                  var len3 = dataView(memory0).getUint32(base + 4, true);
                  var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                  var ptr4 = dataView(memory0).getUint32(base + 8, true);
                  var len4 = dataView(memory0).getUint32(base + 12, true);
                  var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                  result5.push({
                    key: result3,
                    value: result4,
                  });
                }
                variant6= {
                  tag: 'err',
                  val: {
                    code: enum1,
                    message: result2,
                    details: result5,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant6;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn0(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1CheckCap;
    
    function checkCap(arg0, arg1) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1CheckCap',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1CheckCap(ptr0, len0, toUint64(arg1)),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let enum1;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                enum1 = 'within';
                break;
              }
              case 1: {
                enum1 = 'soft-exceeded';
                break;
              }
              case 2: {
                enum1 = 'hard-exceeded';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for CapOutcome');
              }
            }
            var ptr2 = dataView(memory0).getUint32(ret + 4, true);
            var len2 = dataView(memory0).getUint32(ret + 8, true);
            var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
            let variant8;
            switch (dataView(memory0).getUint8(ret + 32, true)) {
              case 0: {
                variant8 = undefined;
                break;
              }
              case 1: {
                let enum3;
                switch (dataView(memory0).getUint8(ret + 36, true)) {
                  case 0: {
                    enum3 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum3 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum3 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum3 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum3 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum3 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum3 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum3 = 'expired';
                    break;
                  }
                  case 8: {
                    enum3 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum3 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum3 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum3 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum3 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum3 = 'internal';
                    break;
                  }
                  case 14: {
                    enum3 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum3 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum3 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum3 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum3 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum3 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum3 = 'offline';
                    break;
                  }
                  case 21: {
                    enum3 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum3 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum3 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum3 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum3 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum3 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr4 = dataView(memory0).getUint32(ret + 40, true);
                var len4 = dataView(memory0).getUint32(ret + 44, true);
                var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                var len7 = dataView(memory0).getUint32(ret + 52, true);
                var base7 = dataView(memory0).getUint32(ret + 48, true);
                if (base7 % 4 !== 0) throw new TypeError(`list pointer [${base7}] is not aligned to 4`);
                var result7 = [];
                for (let i = 0; i < len7; i++) {
                  const base = base7 + i * 16;
                  var ptr5 = dataView(memory0).getUint32(base + 0, true);
                  var len5 = dataView(memory0).getUint32(base + 4, true);
                  var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
                  var ptr6 = dataView(memory0).getUint32(base + 8, true);
                  var len6 = dataView(memory0).getUint32(base + 12, true);
                  var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
                  result7.push({
                    key: result5,
                    value: result6,
                  });
                }
                variant8 = {
                  code: enum3,
                  message: result4,
                  details: result7,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([{
              outcome: enum1,
              name: result2,
              max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 16, true))),
              current: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 24, true))),
              error: variant8,
            }]);
            const retCopy = {
              outcome: enum1,
              name: result2,
              max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 16, true))),
              current: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 24, true))),
              error: variant8,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn5(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1Gate;
    
    function gate(arg0, arg1) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Gate',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            var variant2 = arg1;
            let variant2_0;
            let variant2_1;
            let variant2_2;
            if (variant2 === null || variant2=== undefined) {
              variant2_0 = 0;
              variant2_1 = 0;
              variant2_2 = 0;
            } else {
              const e = variant2;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr1= encodeRes.ptr;
              var len1 = encodeRes.len;
              
              variant2_0 = 1;
              variant2_1 = ptr1;
              variant2_2 = len1;
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Gate(ptr0, len0, variant2_0, variant2_1, variant2_2),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var bool3 = dataView(memory0).getUint8(ret + 0, true);
            let variant9;
            switch (dataView(memory0).getUint8(ret + 4, true)) {
              case 0: {
                variant9 = undefined;
                break;
              }
              case 1: {
                let enum4;
                switch (dataView(memory0).getUint8(ret + 8, true)) {
                  case 0: {
                    enum4 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum4 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum4 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum4 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum4 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum4 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum4 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum4 = 'expired';
                    break;
                  }
                  case 8: {
                    enum4 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum4 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum4 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum4 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum4 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum4 = 'internal';
                    break;
                  }
                  case 14: {
                    enum4 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum4 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum4 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum4 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum4 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum4 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum4 = 'offline';
                    break;
                  }
                  case 21: {
                    enum4 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum4 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum4 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum4 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum4 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum4 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr5 = dataView(memory0).getUint32(ret + 12, true);
                var len5 = dataView(memory0).getUint32(ret + 16, true);
                var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
                var len8 = dataView(memory0).getUint32(ret + 24, true);
                var base8 = dataView(memory0).getUint32(ret + 20, true);
                if (base8 % 4 !== 0) throw new TypeError(`list pointer [${base8}] is not aligned to 4`);
                var result8 = [];
                for (let i = 0; i < len8; i++) {
                  const base = base8 + i * 16;
                  var ptr6 = dataView(memory0).getUint32(base + 0, true);
                  var len6 = dataView(memory0).getUint32(base + 4, true);
                  var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
                  var ptr7 = dataView(memory0).getUint32(base + 8, true);
                  var len7 = dataView(memory0).getUint32(base + 12, true);
                  var result7 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr7, len7));
                  result8.push({
                    key: result6,
                    value: result7,
                  });
                }
                variant9 = {
                  code: enum4,
                  message: result5,
                  details: result8,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var ptr10 = dataView(memory0).getUint32(ret + 28, true);
            var len10 = dataView(memory0).getUint32(ret + 32, true);
            var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
            
            task.resolve([{
              allow: bool3 == 0 ? false : (bool3 == 1 ? true : throwInvalidBool()),
              httpStatus: clampGuest(dataView(memory0).getUint16(ret + 2, true), 0, 65535),
              error: variant9,
              body: result10,
            }]);
            const retCopy = {
              allow: bool3 == 0 ? false : (bool3 == 1 ? true : throwInvalidBool()),
              httpStatus: clampGuest(dataView(memory0).getUint16(ret + 2, true), 0, 65535),
              error: variant9,
              body: result10,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn6(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1GateKey;
    
    function gateKey(arg0, arg1, arg2, arg3) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1GateKey',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var variant1 = arg0;
            let variant1_0;
            let variant1_1;
            let variant1_2;
            if (variant1 === null || variant1=== undefined) {
              variant1_0 = 0;
              variant1_1 = 0;
              variant1_2 = 0;
            } else {
              const e = variant1;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr0= encodeRes.ptr;
              var len0 = encodeRes.len;
              
              variant1_0 = 1;
              variant1_1 = ptr0;
              variant1_2 = len0;
            }
            
            var encodeRes = _utf8AllocateAndEncode(arg1, realloc0, memory0);
            var ptr2= encodeRes.ptr;
            var len2 = encodeRes.len;
            
            var variant4 = arg2;
            let variant4_0;
            let variant4_1;
            let variant4_2;
            if (variant4 === null || variant4=== undefined) {
              variant4_0 = 0;
              variant4_1 = 0;
              variant4_2 = 0;
            } else {
              const e = variant4;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr3= encodeRes.ptr;
              var len3 = encodeRes.len;
              
              variant4_0 = 1;
              variant4_1 = ptr3;
              variant4_2 = len3;
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1GateKey(variant1_0, variant1_1, variant1_2, ptr2, len2, variant4_0, variant4_1, variant4_2, arg3 ? 1 : 0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var bool5 = dataView(memory0).getUint8(ret + 0, true);
            var ptr6 = dataView(memory0).getUint32(ret + 4, true);
            var len6 = dataView(memory0).getUint32(ret + 8, true);
            var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
            let variant8;
            switch (dataView(memory0).getUint8(ret + 12, true)) {
              case 0: {
                variant8 = undefined;
                break;
              }
              case 1: {
                var ptr7 = dataView(memory0).getUint32(ret + 16, true);
                var len7 = dataView(memory0).getUint32(ret + 20, true);
                var result7 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr7, len7));
                variant8 = result7;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant26;
            switch (dataView(memory0).getUint8(ret + 24, true)) {
              case 0: {
                variant26 = undefined;
                break;
              }
              case 1: {
                let enum9;
                switch (dataView(memory0).getUint8(ret + 32, true)) {
                  case 0: {
                    enum9 = 'active';
                    break;
                  }
                  case 1: {
                    enum9 = 'community';
                    break;
                  }
                  case 2: {
                    enum9 = 'expired';
                    break;
                  }
                  case 3: {
                    enum9 = 'not-yet-valid';
                    break;
                  }
                  case 4: {
                    enum9 = 'invalid';
                    break;
                  }
                  case 5: {
                    enum9 = 'demo';
                    break;
                  }
                  case 6: {
                    enum9 = 'grace';
                    break;
                  }
                  case 7: {
                    enum9 = 'restricted';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for Status');
                  }
                }
                var ptr10 = dataView(memory0).getUint32(ret + 36, true);
                var len10 = dataView(memory0).getUint32(ret + 40, true);
                var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                var bool11 = dataView(memory0).getUint8(ret + 44, true);
                var len13 = dataView(memory0).getUint32(ret + 52, true);
                var base13 = dataView(memory0).getUint32(ret + 48, true);
                if (base13 % 4 !== 0) throw new TypeError(`list pointer [${base13}] is not aligned to 4`);
                var result13 = [];
                for (let i = 0; i < len13; i++) {
                  const base = base13 + i * 8;
                  var ptr12 = dataView(memory0).getUint32(base + 0, true);
                  var len12 = dataView(memory0).getUint32(base + 4, true);
                  var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
                  result13.push(result12);
                }
                var len15 = dataView(memory0).getUint32(ret + 60, true);
                var base15 = dataView(memory0).getUint32(ret + 56, true);
                if (base15 % 8 !== 0) throw new TypeError(`list pointer [${base15}] is not aligned to 8`);
                var result15 = [];
                for (let i = 0; i < len15; i++) {
                  const base = base15 + i * 16;
                  var ptr14 = dataView(memory0).getUint32(base + 0, true);
                  var len14 = dataView(memory0).getUint32(base + 4, true);
                  var result14 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr14, len14));
                  result15.push({
                    name: result14,
                    max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
                  });
                }
                var bool16 = dataView(memory0).getUint8(ret + 64, true);
                let variant17;
                switch (dataView(memory0).getUint8(ret + 72, true)) {
                  case 0: {
                    variant17 = undefined;
                    break;
                  }
                  case 1: {
                    variant17 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 80, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant23;
                switch (dataView(memory0).getUint8(ret + 88, true)) {
                  case 0: {
                    variant23 = undefined;
                    break;
                  }
                  case 1: {
                    let enum18;
                    switch (dataView(memory0).getUint8(ret + 92, true)) {
                      case 0: {
                        enum18 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum18 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum18 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum18 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum18 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum18 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum18 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum18 = 'expired';
                        break;
                      }
                      case 8: {
                        enum18 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum18 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum18 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum18 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum18 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum18 = 'internal';
                        break;
                      }
                      case 14: {
                        enum18 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum18 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum18 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum18 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum18 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum18 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum18 = 'offline';
                        break;
                      }
                      case 21: {
                        enum18 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum18 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum18 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum18 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum18 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum18 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr19 = dataView(memory0).getUint32(ret + 96, true);
                    var len19 = dataView(memory0).getUint32(ret + 100, true);
                    var result19 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr19, len19));
                    var len22 = dataView(memory0).getUint32(ret + 108, true);
                    var base22 = dataView(memory0).getUint32(ret + 104, true);
                    if (base22 % 4 !== 0) throw new TypeError(`list pointer [${base22}] is not aligned to 4`);
                    var result22 = [];
                    for (let i = 0; i < len22; i++) {
                      const base = base22 + i * 16;
                      var ptr20 = dataView(memory0).getUint32(base + 0, true);
                      var len20 = dataView(memory0).getUint32(base + 4, true);
                      var result20 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr20, len20));
                      var ptr21 = dataView(memory0).getUint32(base + 8, true);
                      var len21 = dataView(memory0).getUint32(base + 12, true);
                      var result21 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr21, len21));
                      result22.push({
                        key: result20,
                        value: result21,
                      });
                    }
                    variant23 = {
                      code: enum18,
                      message: result19,
                      details: result22,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant25;
                switch (dataView(memory0).getUint8(ret + 112, true)) {
                  case 0: {
                    variant25 = undefined;
                    break;
                  }
                  case 1: {
                    var ptr24 = dataView(memory0).getUint32(ret + 116, true);
                    var len24 = dataView(memory0).getUint32(ret + 120, true);
                    var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
                    variant25 = result24;
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                variant26 = {
                  status: enum9,
                  plan: result10,
                  allFeatures: bool11 == 0 ? false : (bool11 == 1 ? true : throwInvalidBool()),
                  features: result13,
                  limits: result15,
                  blocking: bool16 == 0 ? false : (bool16 == 1 ? true : throwInvalidBool()),
                  validUntil: variant17,
                  error: variant23,
                  warning: variant25,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([{
              allow: bool5 == 0 ? false : (bool5 == 1 ? true : throwInvalidBool()),
              httpStatus: clampGuest(dataView(memory0).getUint16(ret + 2, true), 0, 65535),
              body: result6,
              licenseId: variant8,
              snapshot: variant26,
            }]);
            const retCopy = {
              allow: bool5 == 0 ? false : (bool5 == 1 ? true : throwInvalidBool()),
              httpStatus: clampGuest(dataView(memory0).getUint16(ret + 2, true), 0, 65535),
              body: result6,
              licenseId: variant8,
              snapshot: variant26,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn7(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1KeySnapshot;
    
    function keySnapshot(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1KeySnapshot',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1KeySnapshot(ptr0, len0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant23;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                let enum1;
                switch (dataView(memory0).getUint8(ret + 8, true)) {
                  case 0: {
                    enum1 = 'active';
                    break;
                  }
                  case 1: {
                    enum1 = 'community';
                    break;
                  }
                  case 2: {
                    enum1 = 'expired';
                    break;
                  }
                  case 3: {
                    enum1 = 'not-yet-valid';
                    break;
                  }
                  case 4: {
                    enum1 = 'invalid';
                    break;
                  }
                  case 5: {
                    enum1 = 'demo';
                    break;
                  }
                  case 6: {
                    enum1 = 'grace';
                    break;
                  }
                  case 7: {
                    enum1 = 'restricted';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for Status');
                  }
                }
                var ptr2 = dataView(memory0).getUint32(ret + 12, true);
                var len2 = dataView(memory0).getUint32(ret + 16, true);
                var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
                var bool3 = dataView(memory0).getUint8(ret + 20, true);
                var len5 = dataView(memory0).getUint32(ret + 28, true);
                var base5 = dataView(memory0).getUint32(ret + 24, true);
                if (base5 % 4 !== 0) throw new TypeError(`list pointer [${base5}] is not aligned to 4`);
                var result5 = [];
                for (let i = 0; i < len5; i++) {
                  const base = base5 + i * 8;
                  var ptr4 = dataView(memory0).getUint32(base + 0, true);
                  var len4 = dataView(memory0).getUint32(base + 4, true);
                  var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                  result5.push(result4);
                }
                var len7 = dataView(memory0).getUint32(ret + 36, true);
                var base7 = dataView(memory0).getUint32(ret + 32, true);
                if (base7 % 8 !== 0) throw new TypeError(`list pointer [${base7}] is not aligned to 8`);
                var result7 = [];
                for (let i = 0; i < len7; i++) {
                  const base = base7 + i * 16;
                  var ptr6 = dataView(memory0).getUint32(base + 0, true);
                  var len6 = dataView(memory0).getUint32(base + 4, true);
                  var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
                  result7.push({
                    name: result6,
                    max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
                  });
                }
                var bool8 = dataView(memory0).getUint8(ret + 40, true);
                let variant9;
                switch (dataView(memory0).getUint8(ret + 48, true)) {
                  case 0: {
                    variant9 = undefined;
                    break;
                  }
                  case 1: {
                    variant9 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 56, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant15;
                switch (dataView(memory0).getUint8(ret + 64, true)) {
                  case 0: {
                    variant15 = undefined;
                    break;
                  }
                  case 1: {
                    let enum10;
                    switch (dataView(memory0).getUint8(ret + 68, true)) {
                      case 0: {
                        enum10 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum10 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum10 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum10 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum10 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum10 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum10 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum10 = 'expired';
                        break;
                      }
                      case 8: {
                        enum10 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum10 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum10 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum10 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum10 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum10 = 'internal';
                        break;
                      }
                      case 14: {
                        enum10 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum10 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum10 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum10 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum10 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum10 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum10 = 'offline';
                        break;
                      }
                      case 21: {
                        enum10 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum10 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum10 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum10 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum10 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum10 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr11 = dataView(memory0).getUint32(ret + 72, true);
                    var len11 = dataView(memory0).getUint32(ret + 76, true);
                    var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                    var len14 = dataView(memory0).getUint32(ret + 84, true);
                    var base14 = dataView(memory0).getUint32(ret + 80, true);
                    if (base14 % 4 !== 0) throw new TypeError(`list pointer [${base14}] is not aligned to 4`);
                    var result14 = [];
                    for (let i = 0; i < len14; i++) {
                      const base = base14 + i * 16;
                      var ptr12 = dataView(memory0).getUint32(base + 0, true);
                      var len12 = dataView(memory0).getUint32(base + 4, true);
                      var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
                      var ptr13 = dataView(memory0).getUint32(base + 8, true);
                      var len13 = dataView(memory0).getUint32(base + 12, true);
                      var result13 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr13, len13));
                      result14.push({
                        key: result12,
                        value: result13,
                      });
                    }
                    variant15 = {
                      code: enum10,
                      message: result11,
                      details: result14,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant17;
                switch (dataView(memory0).getUint8(ret + 88, true)) {
                  case 0: {
                    variant17 = undefined;
                    break;
                  }
                  case 1: {
                    var ptr16 = dataView(memory0).getUint32(ret + 92, true);
                    var len16 = dataView(memory0).getUint32(ret + 96, true);
                    var result16 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr16, len16));
                    variant17 = result16;
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                variant23= {
                  tag: 'ok',
                  val: {
                    status: enum1,
                    plan: result2,
                    allFeatures: bool3 == 0 ? false : (bool3 == 1 ? true : throwInvalidBool()),
                    features: result5,
                    limits: result7,
                    blocking: bool8 == 0 ? false : (bool8 == 1 ? true : throwInvalidBool()),
                    validUntil: variant9,
                    error: variant15,
                    warning: variant17,
                  }
                };
                break;
              }
              case 1: {
                let enum18;
                switch (dataView(memory0).getUint8(ret + 8, true)) {
                  case 0: {
                    enum18 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum18 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum18 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum18 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum18 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum18 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum18 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum18 = 'expired';
                    break;
                  }
                  case 8: {
                    enum18 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum18 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum18 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum18 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum18 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum18 = 'internal';
                    break;
                  }
                  case 14: {
                    enum18 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum18 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum18 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum18 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum18 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum18 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum18 = 'offline';
                    break;
                  }
                  case 21: {
                    enum18 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum18 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum18 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum18 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum18 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum18 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr19 = dataView(memory0).getUint32(ret + 12, true);
                var len19 = dataView(memory0).getUint32(ret + 16, true);
                var result19 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr19, len19));
                var len22 = dataView(memory0).getUint32(ret + 24, true);
                var base22 = dataView(memory0).getUint32(ret + 20, true);
                if (base22 % 4 !== 0) throw new TypeError(`list pointer [${base22}] is not aligned to 4`);
                var result22 = [];
                for (let i = 0; i < len22; i++) {
                  const base = base22 + i * 16;
                  var ptr20 = dataView(memory0).getUint32(base + 0, true);
                  var len20 = dataView(memory0).getUint32(base + 4, true);
                  var result20 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr20, len20));
                  var ptr21 = dataView(memory0).getUint32(base + 8, true);
                  var len21 = dataView(memory0).getUint32(base + 12, true);
                  var result21 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr21, len21));
                  result22.push({
                    key: result20,
                    value: result21,
                  });
                }
                variant23= {
                  tag: 'err',
                  val: {
                    code: enum18,
                    message: result19,
                    details: result22,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant23;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn8(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1GatewayStats;
    
    function gatewayStats() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1GatewayStats',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1GatewayStats(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            
            task.resolve([{
              cachedKeys: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 0, true))),
              cachedBytes: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 8, true))),
              cacheBudget: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 16, true))),
              rejectedKeys: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 24, true))),
              statusLicenses: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
              statusSerial: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 40, true))),
            }]);
            task.exit();
            return {
              cachedKeys: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 0, true))),
              cachedBytes: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 8, true))),
              cacheBudget: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 16, true))),
              rejectedKeys: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 24, true))),
              statusLicenses: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
              statusSerial: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 40, true))),
            };
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1GateRequest;
    
    function gateRequest(arg0, arg1, arg2, arg3) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1GateRequest',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var {authorization: v0_0, xLicenseKey: v0_1 } = arg0;
            var variant2 = v0_0;
            let variant2_0;
            let variant2_1;
            let variant2_2;
            if (variant2 === null || variant2=== undefined) {
              variant2_0 = 0;
              variant2_1 = 0;
              variant2_2 = 0;
            } else {
              const e = variant2;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr1= encodeRes.ptr;
              var len1 = encodeRes.len;
              
              variant2_0 = 1;
              variant2_1 = ptr1;
              variant2_2 = len1;
            }
            var variant4 = v0_1;
            let variant4_0;
            let variant4_1;
            let variant4_2;
            if (variant4 === null || variant4=== undefined) {
              variant4_0 = 0;
              variant4_1 = 0;
              variant4_2 = 0;
            } else {
              const e = variant4;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr3= encodeRes.ptr;
              var len3 = encodeRes.len;
              
              variant4_0 = 1;
              variant4_1 = ptr3;
              variant4_2 = len3;
            }
            
            var encodeRes = _utf8AllocateAndEncode(arg1, realloc0, memory0);
            var ptr5= encodeRes.ptr;
            var len5 = encodeRes.len;
            
            var variant7 = arg2;
            let variant7_0;
            let variant7_1;
            let variant7_2;
            if (variant7 === null || variant7=== undefined) {
              variant7_0 = 0;
              variant7_1 = 0;
              variant7_2 = 0;
            } else {
              const e = variant7;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr6= encodeRes.ptr;
              var len6 = encodeRes.len;
              
              variant7_0 = 1;
              variant7_1 = ptr6;
              variant7_2 = len6;
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1GateRequest(variant2_0, variant2_1, variant2_2, variant4_0, variant4_1, variant4_2, ptr5, len5, variant7_0, variant7_1, variant7_2, arg3 ? 1 : 0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var bool8 = dataView(memory0).getUint8(ret + 0, true);
            var ptr9 = dataView(memory0).getUint32(ret + 4, true);
            var len9 = dataView(memory0).getUint32(ret + 8, true);
            var result9 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr9, len9));
            let variant11;
            switch (dataView(memory0).getUint8(ret + 12, true)) {
              case 0: {
                variant11 = undefined;
                break;
              }
              case 1: {
                var ptr10 = dataView(memory0).getUint32(ret + 16, true);
                var len10 = dataView(memory0).getUint32(ret + 20, true);
                var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                variant11 = result10;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant29;
            switch (dataView(memory0).getUint8(ret + 24, true)) {
              case 0: {
                variant29 = undefined;
                break;
              }
              case 1: {
                let enum12;
                switch (dataView(memory0).getUint8(ret + 32, true)) {
                  case 0: {
                    enum12 = 'active';
                    break;
                  }
                  case 1: {
                    enum12 = 'community';
                    break;
                  }
                  case 2: {
                    enum12 = 'expired';
                    break;
                  }
                  case 3: {
                    enum12 = 'not-yet-valid';
                    break;
                  }
                  case 4: {
                    enum12 = 'invalid';
                    break;
                  }
                  case 5: {
                    enum12 = 'demo';
                    break;
                  }
                  case 6: {
                    enum12 = 'grace';
                    break;
                  }
                  case 7: {
                    enum12 = 'restricted';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for Status');
                  }
                }
                var ptr13 = dataView(memory0).getUint32(ret + 36, true);
                var len13 = dataView(memory0).getUint32(ret + 40, true);
                var result13 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr13, len13));
                var bool14 = dataView(memory0).getUint8(ret + 44, true);
                var len16 = dataView(memory0).getUint32(ret + 52, true);
                var base16 = dataView(memory0).getUint32(ret + 48, true);
                if (base16 % 4 !== 0) throw new TypeError(`list pointer [${base16}] is not aligned to 4`);
                var result16 = [];
                for (let i = 0; i < len16; i++) {
                  const base = base16 + i * 8;
                  var ptr15 = dataView(memory0).getUint32(base + 0, true);
                  var len15 = dataView(memory0).getUint32(base + 4, true);
                  var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
                  result16.push(result15);
                }
                var len18 = dataView(memory0).getUint32(ret + 60, true);
                var base18 = dataView(memory0).getUint32(ret + 56, true);
                if (base18 % 8 !== 0) throw new TypeError(`list pointer [${base18}] is not aligned to 8`);
                var result18 = [];
                for (let i = 0; i < len18; i++) {
                  const base = base18 + i * 16;
                  var ptr17 = dataView(memory0).getUint32(base + 0, true);
                  var len17 = dataView(memory0).getUint32(base + 4, true);
                  var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
                  result18.push({
                    name: result17,
                    max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
                  });
                }
                var bool19 = dataView(memory0).getUint8(ret + 64, true);
                let variant20;
                switch (dataView(memory0).getUint8(ret + 72, true)) {
                  case 0: {
                    variant20 = undefined;
                    break;
                  }
                  case 1: {
                    variant20 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 80, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant26;
                switch (dataView(memory0).getUint8(ret + 88, true)) {
                  case 0: {
                    variant26 = undefined;
                    break;
                  }
                  case 1: {
                    let enum21;
                    switch (dataView(memory0).getUint8(ret + 92, true)) {
                      case 0: {
                        enum21 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum21 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum21 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum21 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum21 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum21 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum21 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum21 = 'expired';
                        break;
                      }
                      case 8: {
                        enum21 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum21 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum21 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum21 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum21 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum21 = 'internal';
                        break;
                      }
                      case 14: {
                        enum21 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum21 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum21 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum21 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum21 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum21 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum21 = 'offline';
                        break;
                      }
                      case 21: {
                        enum21 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum21 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum21 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum21 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum21 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum21 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr22 = dataView(memory0).getUint32(ret + 96, true);
                    var len22 = dataView(memory0).getUint32(ret + 100, true);
                    var result22 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr22, len22));
                    var len25 = dataView(memory0).getUint32(ret + 108, true);
                    var base25 = dataView(memory0).getUint32(ret + 104, true);
                    if (base25 % 4 !== 0) throw new TypeError(`list pointer [${base25}] is not aligned to 4`);
                    var result25 = [];
                    for (let i = 0; i < len25; i++) {
                      const base = base25 + i * 16;
                      var ptr23 = dataView(memory0).getUint32(base + 0, true);
                      var len23 = dataView(memory0).getUint32(base + 4, true);
                      var result23 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr23, len23));
                      var ptr24 = dataView(memory0).getUint32(base + 8, true);
                      var len24 = dataView(memory0).getUint32(base + 12, true);
                      var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
                      result25.push({
                        key: result23,
                        value: result24,
                      });
                    }
                    variant26 = {
                      code: enum21,
                      message: result22,
                      details: result25,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant28;
                switch (dataView(memory0).getUint8(ret + 112, true)) {
                  case 0: {
                    variant28 = undefined;
                    break;
                  }
                  case 1: {
                    var ptr27 = dataView(memory0).getUint32(ret + 116, true);
                    var len27 = dataView(memory0).getUint32(ret + 120, true);
                    var result27 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr27, len27));
                    variant28 = result27;
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                variant29 = {
                  status: enum12,
                  plan: result13,
                  allFeatures: bool14 == 0 ? false : (bool14 == 1 ? true : throwInvalidBool()),
                  features: result16,
                  limits: result18,
                  blocking: bool19 == 0 ? false : (bool19 == 1 ? true : throwInvalidBool()),
                  validUntil: variant20,
                  error: variant26,
                  warning: variant28,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([{
              allow: bool8 == 0 ? false : (bool8 == 1 ? true : throwInvalidBool()),
              httpStatus: clampGuest(dataView(memory0).getUint16(ret + 2, true), 0, 65535),
              body: result9,
              licenseId: variant11,
              snapshot: variant29,
            }]);
            const retCopy = {
              allow: bool8 == 0 ? false : (bool8 == 1 ? true : throwInvalidBool()),
              httpStatus: clampGuest(dataView(memory0).getUint16(ret + 2, true), 0, 65535),
              body: result9,
              licenseId: variant11,
              snapshot: variant29,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn7(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1KeyFromHeaders;
    
    function keyFromHeaders(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1KeyFromHeaders',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var {authorization: v0_0, xLicenseKey: v0_1 } = arg0;
            var variant2 = v0_0;
            let variant2_0;
            let variant2_1;
            let variant2_2;
            if (variant2 === null || variant2=== undefined) {
              variant2_0 = 0;
              variant2_1 = 0;
              variant2_2 = 0;
            } else {
              const e = variant2;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr1= encodeRes.ptr;
              var len1 = encodeRes.len;
              
              variant2_0 = 1;
              variant2_1 = ptr1;
              variant2_2 = len1;
            }
            var variant4 = v0_1;
            let variant4_0;
            let variant4_1;
            let variant4_2;
            if (variant4 === null || variant4=== undefined) {
              variant4_0 = 0;
              variant4_1 = 0;
              variant4_2 = 0;
            } else {
              const e = variant4;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr3= encodeRes.ptr;
              var len3 = encodeRes.len;
              
              variant4_0 = 1;
              variant4_1 = ptr3;
              variant4_2 = len3;
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1KeyFromHeaders(variant2_0, variant2_1, variant2_2, variant4_0, variant4_1, variant4_2),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant6;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant6 = undefined;
                break;
              }
              case 1: {
                var ptr5 = dataView(memory0).getUint32(ret + 4, true);
                var len5 = dataView(memory0).getUint32(ret + 8, true);
                var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
                variant6 = result5;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([variant6]);
            const retCopy = variant6;
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn9(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1KeyPlaces;
    
    function keyPlaces(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1KeyPlaces',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1KeyPlaces(ptr0, len0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var ptr1 = dataView(memory0).getUint32(ret + 0, true);
            var len1 = dataView(memory0).getUint32(ret + 4, true);
            var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
            var ptr2 = dataView(memory0).getUint32(ret + 8, true);
            var len2 = dataView(memory0).getUint32(ret + 12, true);
            var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
            var ptr3 = dataView(memory0).getUint32(ret + 16, true);
            var len3 = dataView(memory0).getUint32(ret + 20, true);
            var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
            var ptr4 = dataView(memory0).getUint32(ret + 24, true);
            var len4 = dataView(memory0).getUint32(ret + 28, true);
            var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
            var len6 = dataView(memory0).getUint32(ret + 36, true);
            var base6 = dataView(memory0).getUint32(ret + 32, true);
            if (base6 % 4 !== 0) throw new TypeError(`list pointer [${base6}] is not aligned to 4`);
            var result6 = [];
            for (let i = 0; i < len6; i++) {
              const base = base6 + i * 8;
              var ptr5 = dataView(memory0).getUint32(base + 0, true);
              var len5 = dataView(memory0).getUint32(base + 4, true);
              var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
              result6.push(result5);
            }
            
            task.resolve([{
              prefix: result1,
              keyVar: result2,
              fileVar: result3,
              agentVar: result4,
              homeFile: result6,
            }]);
            const retCopy = {
              prefix: result1,
              keyVar: result2,
              fileVar: result3,
              agentVar: result4,
              homeFile: result6,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn10(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1FindKey;
    
    function findKey(arg0, arg1) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1FindKey',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            var {explicit: v1_0, keyVar: v1_1, fileVar: v1_2, homeFile: v1_3 } = arg1;
            var variant3 = v1_0;
            let variant3_0;
            let variant3_1;
            let variant3_2;
            if (variant3 === null || variant3=== undefined) {
              variant3_0 = 0;
              variant3_1 = 0;
              variant3_2 = 0;
            } else {
              const e = variant3;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr2= encodeRes.ptr;
              var len2 = encodeRes.len;
              
              variant3_0 = 1;
              variant3_1 = ptr2;
              variant3_2 = len2;
            }
            var variant5 = v1_1;
            let variant5_0;
            let variant5_1;
            let variant5_2;
            if (variant5 === null || variant5=== undefined) {
              variant5_0 = 0;
              variant5_1 = 0;
              variant5_2 = 0;
            } else {
              const e = variant5;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr4= encodeRes.ptr;
              var len4 = encodeRes.len;
              
              variant5_0 = 1;
              variant5_1 = ptr4;
              variant5_2 = len4;
            }
            var variant7 = v1_2;
            let variant7_0;
            let variant7_1;
            let variant7_2;
            if (variant7 === null || variant7=== undefined) {
              variant7_0 = 0;
              variant7_1 = 0;
              variant7_2 = 0;
            } else {
              const e = variant7;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr6= encodeRes.ptr;
              var len6 = encodeRes.len;
              
              variant7_0 = 1;
              variant7_1 = ptr6;
              variant7_2 = len6;
            }
            var variant9 = v1_3;
            let variant9_0;
            let variant9_1;
            let variant9_2;
            if (variant9 === null || variant9=== undefined) {
              variant9_0 = 0;
              variant9_1 = 0;
              variant9_2 = 0;
            } else {
              const e = variant9;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr8= encodeRes.ptr;
              var len8 = encodeRes.len;
              
              variant9_0 = 1;
              variant9_1 = ptr8;
              variant9_2 = len8;
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1FindKey(ptr0, len0, variant3_0, variant3_1, variant3_2, variant5_0, variant5_1, variant5_2, variant7_0, variant7_1, variant7_2, variant9_0, variant9_1, variant9_2),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant19;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                let variant15;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    variant15= {
                      tag: 'none',
                    };
                    break;
                  }
                  case 1: {
                    var ptr10 = dataView(memory0).getUint32(ret + 8, true);
                    var len10 = dataView(memory0).getUint32(ret + 12, true);
                    var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                    var ptr11 = dataView(memory0).getUint32(ret + 16, true);
                    var len11 = dataView(memory0).getUint32(ret + 20, true);
                    var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                    variant15= {
                      tag: 'key',
                      val: {
                        token: result10,
                        source: result11,
                      }
                    };
                    break;
                  }
                  case 2: {
                    var ptr12 = dataView(memory0).getUint32(ret + 8, true);
                    var len12 = dataView(memory0).getUint32(ret + 12, true);
                    var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
                    let enum13;
                    switch (dataView(memory0).getUint8(ret + 16, true)) {
                      case 0: {
                        enum13 = 'not-found';
                        break;
                      }
                      case 1: {
                        enum13 = 'permission-denied';
                        break;
                      }
                      case 2: {
                        enum13 = 'not-a-regular-file';
                        break;
                      }
                      case 3: {
                        enum13 = 'too-large';
                        break;
                      }
                      case 4: {
                        enum13 = 'not-utf8';
                        break;
                      }
                      case 5: {
                        enum13 = 'no-key-line';
                        break;
                      }
                      case 6: {
                        enum13 = 'other';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for UnreadableReason');
                      }
                    }
                    var ptr14 = dataView(memory0).getUint32(ret + 20, true);
                    var len14 = dataView(memory0).getUint32(ret + 24, true);
                    var result14 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr14, len14));
                    variant15= {
                      tag: 'unreadable',
                      val: {
                        source: result12,
                        reason: enum13,
                        detail: result14,
                      }
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for KeyInput');
                  }
                }
                variant19= {
                  tag: 'done',
                  val: variant15
                };
                break;
              }
              case 1: {
                var ptr16 = dataView(memory0).getUint32(ret + 4, true);
                var len16 = dataView(memory0).getUint32(ret + 8, true);
                var result16 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr16, len16));
                var ptr17 = dataView(memory0).getUint32(ret + 12, true);
                var len17 = dataView(memory0).getUint32(ret + 16, true);
                var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
                var bool18 = dataView(memory0).getUint8(ret + 20, true);
                variant19= {
                  tag: 'read',
                  val: {
                    path: result16,
                    source: result17,
                    optional: bool18 == 0 ? false : (bool18 == 1 ? true : throwInvalidBool()),
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for KeyStep');
              }
            }
            
            task.resolve([variant19]);
            const retCopy = variant19;
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn11(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1KeyFromFile;
    
    function keyFromFile(arg0, arg1) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1KeyFromFile',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var {path: v0_0, source: v0_1, optional: v0_2 } = arg0;
            
            var encodeRes = _utf8AllocateAndEncode(v0_0, realloc0, memory0);
            var ptr1= encodeRes.ptr;
            var len1 = encodeRes.len;
            
            
            var encodeRes = _utf8AllocateAndEncode(v0_1, realloc0, memory0);
            var ptr2= encodeRes.ptr;
            var len2 = encodeRes.len;
            
            var variant7 = arg1;
            let variant7_0;
            let variant7_1;
            let variant7_2;
            let variant7_3;
            switch (variant7.tag) {
              case 'ok': {
                const e = variant7.val;
                var val3 = e;
                var len3 = Array.isArray(val3) ? val3.length : val3.byteLength;
                var ptr3 = realloc0(0, 0, 1, len3 * 1);
                
                let valData3;
                const valLenBytes3 = len3 * 1;
                if (Array.isArray(val3)) {
                  // Regular array likely containing numbers, write values to memory
                  let offset = 0;
                  const dv3 = new DataView(memory0.buffer);
                  for (const v of val3) {
                    _requireValidNumericPrimitive.bind(null, 'u8')(v);
                    dv3.setUint8(ptr3+ offset, v, true);
                    offset += 1;
                  }
                } else {
                  // TypedArray / ArrayBuffer-like, direct copy
                  valData3 = new Uint8Array(val3.buffer || val3, val3.byteOffset, valLenBytes3);
                  const out3 = new Uint8Array(memory0.buffer, ptr3, valLenBytes3);
                  out3.set(valData3);
                }
                
                variant7_0 = 0;
                variant7_1 = ptr3;
                variant7_2 = len3;
                variant7_3 = 0;
                
                break;
              }
              case 'err': {
                const e = variant7.val;
                var {reason: v4_0, detail: v4_1 } = e;
                var val5 = v4_0;
                let enum5;
                switch (val5) {
                  case 'not-found': {
                    enum5 = 0;
                    break;
                  }
                  case 'permission-denied': {
                    enum5 = 1;
                    break;
                  }
                  case 'not-a-regular-file': {
                    enum5 = 2;
                    break;
                  }
                  case 'too-large': {
                    enum5 = 3;
                    break;
                  }
                  case 'not-utf8': {
                    enum5 = 4;
                    break;
                  }
                  case 'no-key-line': {
                    enum5 = 5;
                    break;
                  }
                  case 'other': {
                    enum5 = 6;
                    break;
                  }
                  default: {
                    if ((v4_0) instanceof Error) {
                      console.error(v4_0);
                    }
                    
                    throw new TypeError(`"${val5}" is not one of the cases of unreadable-reason`);
                  }
                }
                
                var encodeRes = _utf8AllocateAndEncode(v4_1, realloc0, memory0);
                var ptr6= encodeRes.ptr;
                var len6 = encodeRes.len;
                
                variant7_0 = 1;
                variant7_1 = enum5;
                variant7_2 = ptr6;
                variant7_3 = len6;
                
                break;
              }
              default: {
                
                throw new TypeError('invalid variant specified for result');
              }
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1KeyFromFile(ptr1, len1, ptr2, len2, v0_2 ? 1 : 0, variant7_0, variant7_1, variant7_2, variant7_3),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant13;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant13= {
                  tag: 'none',
                };
                break;
              }
              case 1: {
                var ptr8 = dataView(memory0).getUint32(ret + 4, true);
                var len8 = dataView(memory0).getUint32(ret + 8, true);
                var result8 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr8, len8));
                var ptr9 = dataView(memory0).getUint32(ret + 12, true);
                var len9 = dataView(memory0).getUint32(ret + 16, true);
                var result9 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr9, len9));
                variant13= {
                  tag: 'key',
                  val: {
                    token: result8,
                    source: result9,
                  }
                };
                break;
              }
              case 2: {
                var ptr10 = dataView(memory0).getUint32(ret + 4, true);
                var len10 = dataView(memory0).getUint32(ret + 8, true);
                var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                let enum11;
                switch (dataView(memory0).getUint8(ret + 12, true)) {
                  case 0: {
                    enum11 = 'not-found';
                    break;
                  }
                  case 1: {
                    enum11 = 'permission-denied';
                    break;
                  }
                  case 2: {
                    enum11 = 'not-a-regular-file';
                    break;
                  }
                  case 3: {
                    enum11 = 'too-large';
                    break;
                  }
                  case 4: {
                    enum11 = 'not-utf8';
                    break;
                  }
                  case 5: {
                    enum11 = 'no-key-line';
                    break;
                  }
                  case 6: {
                    enum11 = 'other';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for UnreadableReason');
                  }
                }
                var ptr12 = dataView(memory0).getUint32(ret + 16, true);
                var len12 = dataView(memory0).getUint32(ret + 20, true);
                var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
                variant13= {
                  tag: 'unreadable',
                  val: {
                    source: result10,
                    reason: enum11,
                    detail: result12,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for KeyInput');
              }
            }
            
            task.resolve([variant13]);
            const retCopy = variant13;
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn12(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1TrustedKeyFile;
    
    function trustedKeyFile(arg0, arg1, arg2) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1TrustedKeyFile',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            var variant5 = arg1;
            let variant5_0;
            let variant5_1;
            let variant5_2;
            let variant5_3;
            switch (variant5.tag) {
              case 'ok': {
                const e = variant5.val;
                var val1 = e;
                var len1 = Array.isArray(val1) ? val1.length : val1.byteLength;
                var ptr1 = realloc0(0, 0, 1, len1 * 1);
                
                let valData1;
                const valLenBytes1 = len1 * 1;
                if (Array.isArray(val1)) {
                  // Regular array likely containing numbers, write values to memory
                  let offset = 0;
                  const dv1 = new DataView(memory0.buffer);
                  for (const v of val1) {
                    _requireValidNumericPrimitive.bind(null, 'u8')(v);
                    dv1.setUint8(ptr1+ offset, v, true);
                    offset += 1;
                  }
                } else {
                  // TypedArray / ArrayBuffer-like, direct copy
                  valData1 = new Uint8Array(val1.buffer || val1, val1.byteOffset, valLenBytes1);
                  const out1 = new Uint8Array(memory0.buffer, ptr1, valLenBytes1);
                  out1.set(valData1);
                }
                
                variant5_0 = 0;
                variant5_1 = ptr1;
                variant5_2 = len1;
                variant5_3 = 0;
                
                break;
              }
              case 'err': {
                const e = variant5.val;
                var {reason: v2_0, detail: v2_1 } = e;
                var val3 = v2_0;
                let enum3;
                switch (val3) {
                  case 'not-found': {
                    enum3 = 0;
                    break;
                  }
                  case 'permission-denied': {
                    enum3 = 1;
                    break;
                  }
                  case 'not-a-regular-file': {
                    enum3 = 2;
                    break;
                  }
                  case 'too-large': {
                    enum3 = 3;
                    break;
                  }
                  case 'not-utf8': {
                    enum3 = 4;
                    break;
                  }
                  case 'no-key-line': {
                    enum3 = 5;
                    break;
                  }
                  case 'other': {
                    enum3 = 6;
                    break;
                  }
                  default: {
                    if ((v2_0) instanceof Error) {
                      console.error(v2_0);
                    }
                    
                    throw new TypeError(`"${val3}" is not one of the cases of unreadable-reason`);
                  }
                }
                
                var encodeRes = _utf8AllocateAndEncode(v2_1, realloc0, memory0);
                var ptr4= encodeRes.ptr;
                var len4 = encodeRes.len;
                
                variant5_0 = 1;
                variant5_1 = enum3;
                variant5_2 = ptr4;
                variant5_3 = len4;
                
                break;
              }
              default: {
                
                throw new TypeError('invalid variant specified for result');
              }
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1TrustedKeyFile(ptr0, len0, variant5_0, variant5_1, variant5_2, variant5_3, arg2 ? 1 : 0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant14;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                var ptr6 = dataView(memory0).getUint32(ret + 4, true);
                var len6 = dataView(memory0).getUint32(ret + 8, true);
                var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
                let enum7;
                switch (dataView(memory0).getUint8(ret + 12, true)) {
                  case 0: {
                    enum7 = 'ed25519';
                    break;
                  }
                  case 1: {
                    enum7 = 'hmac-sha256';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for Algorithm');
                  }
                }
                var ptr8 = dataView(memory0).getUint32(ret + 16, true);
                var len8 = dataView(memory0).getUint32(ret + 20, true);
                var result8 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr8, len8));
                variant14= {
                  tag: 'ok',
                  val: {
                    kid: result6,
                    algorithm: enum7,
                    key: result8,
                  }
                };
                break;
              }
              case 1: {
                let enum9;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum9 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum9 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum9 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum9 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum9 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum9 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum9 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum9 = 'expired';
                    break;
                  }
                  case 8: {
                    enum9 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum9 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum9 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum9 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum9 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum9 = 'internal';
                    break;
                  }
                  case 14: {
                    enum9 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum9 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum9 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum9 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum9 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum9 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum9 = 'offline';
                    break;
                  }
                  case 21: {
                    enum9 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum9 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum9 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum9 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum9 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum9 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr10 = dataView(memory0).getUint32(ret + 8, true);
                var len10 = dataView(memory0).getUint32(ret + 12, true);
                var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                var len13 = dataView(memory0).getUint32(ret + 20, true);
                var base13 = dataView(memory0).getUint32(ret + 16, true);
                if (base13 % 4 !== 0) throw new TypeError(`list pointer [${base13}] is not aligned to 4`);
                var result13 = [];
                for (let i = 0; i < len13; i++) {
                  const base = base13 + i * 16;
                  var ptr11 = dataView(memory0).getUint32(base + 0, true);
                  var len11 = dataView(memory0).getUint32(base + 4, true);
                  var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                  var ptr12 = dataView(memory0).getUint32(base + 8, true);
                  var len12 = dataView(memory0).getUint32(base + 12, true);
                  var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
                  result13.push({
                    key: result11,
                    value: result12,
                  });
                }
                variant14= {
                  tag: 'err',
                  val: {
                    code: enum9,
                    message: result10,
                    details: result13,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant14;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn13(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1Metrics;
    
    function metrics() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Metrics',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Metrics(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var ptr0 = dataView(memory0).getUint32(ret + 0, true);
            var len0 = dataView(memory0).getUint32(ret + 4, true);
            var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
            
            task.resolve([result0]);
            const retCopy = result0;
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn4(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1CheckSignature;
    
    function checkSignature(arg0, arg1, arg2) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1CheckSignature',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var {kid: v0_0, algorithm: v0_1, key: v0_2 } = arg0;
            
            var encodeRes = _utf8AllocateAndEncode(v0_0, realloc0, memory0);
            var ptr1= encodeRes.ptr;
            var len1 = encodeRes.len;
            
            var val2 = v0_1;
            let enum2;
            switch (val2) {
              case 'ed25519': {
                enum2 = 0;
                break;
              }
              case 'hmac-sha256': {
                enum2 = 1;
                break;
              }
              default: {
                if ((v0_1) instanceof Error) {
                  console.error(v0_1);
                }
                
                throw new TypeError(`"${val2}" is not one of the cases of algorithm`);
              }
            }
            
            var encodeRes = _utf8AllocateAndEncode(v0_2, realloc0, memory0);
            var ptr3= encodeRes.ptr;
            var len3 = encodeRes.len;
            
            
            var encodeRes = _utf8AllocateAndEncode(arg1, realloc0, memory0);
            var ptr4= encodeRes.ptr;
            var len4 = encodeRes.len;
            
            
            var encodeRes = _utf8AllocateAndEncode(arg2, realloc0, memory0);
            var ptr5= encodeRes.ptr;
            var len5 = encodeRes.len;
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1CheckSignature(ptr1, len1, enum2, ptr3, len3, ptr4, len4, ptr5, len5),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant11;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant11= {
                  tag: 'ok',
                  val: undefined
                };
                break;
              }
              case 1: {
                let enum6;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum6 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum6 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum6 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum6 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum6 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum6 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum6 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum6 = 'expired';
                    break;
                  }
                  case 8: {
                    enum6 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum6 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum6 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum6 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum6 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum6 = 'internal';
                    break;
                  }
                  case 14: {
                    enum6 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum6 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum6 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum6 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum6 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum6 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum6 = 'offline';
                    break;
                  }
                  case 21: {
                    enum6 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum6 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum6 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum6 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum6 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum6 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr7 = dataView(memory0).getUint32(ret + 8, true);
                var len7 = dataView(memory0).getUint32(ret + 12, true);
                var result7 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr7, len7));
                var len10 = dataView(memory0).getUint32(ret + 20, true);
                var base10 = dataView(memory0).getUint32(ret + 16, true);
                if (base10 % 4 !== 0) throw new TypeError(`list pointer [${base10}] is not aligned to 4`);
                var result10 = [];
                for (let i = 0; i < len10; i++) {
                  const base = base10 + i * 16;
                  var ptr8 = dataView(memory0).getUint32(base + 0, true);
                  var len8 = dataView(memory0).getUint32(base + 4, true);
                  var result8 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr8, len8));
                  var ptr9 = dataView(memory0).getUint32(base + 8, true);
                  var len9 = dataView(memory0).getUint32(base + 12, true);
                  var result9 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr9, len9));
                  result10.push({
                    key: result8,
                    value: result9,
                  });
                }
                variant11= {
                  tag: 'err',
                  val: {
                    code: enum6,
                    message: result7,
                    details: result10,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant11;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn0(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1OnlineRequest;
    
    function onlineRequest(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1OnlineRequest',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var val0 = arg0;
            let enum0;
            switch (val0) {
              case 'validate-if-due': {
                enum0 = 0;
                break;
              }
              case 'validate': {
                enum0 = 1;
                break;
              }
              case 'activate': {
                enum0 = 2;
                break;
              }
              case 'deactivate': {
                enum0 = 3;
                break;
              }
              default: {
                if ((arg0) instanceof Error) {
                  console.error(arg0);
                }
                
                throw new TypeError(`"${val0}" is not one of the cases of online-action`);
              }
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1OnlineRequest(enum0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant19;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                let variant13;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    variant13 = undefined;
                    break;
                  }
                  case 1: {
                    var ptr1 = dataView(memory0).getUint32(ret + 8, true);
                    var len1 = dataView(memory0).getUint32(ret + 12, true);
                    var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
                    var ptr2 = dataView(memory0).getUint32(ret + 16, true);
                    var len2 = dataView(memory0).getUint32(ret + 20, true);
                    var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
                    var len5 = dataView(memory0).getUint32(ret + 28, true);
                    var base5 = dataView(memory0).getUint32(ret + 24, true);
                    if (base5 % 4 !== 0) throw new TypeError(`list pointer [${base5}] is not aligned to 4`);
                    var result5 = [];
                    for (let i = 0; i < len5; i++) {
                      const base = base5 + i * 16;
                      var ptr3 = dataView(memory0).getUint32(base + 0, true);
                      var len3 = dataView(memory0).getUint32(base + 4, true);
                      var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                      var ptr4 = dataView(memory0).getUint32(base + 8, true);
                      var len4 = dataView(memory0).getUint32(base + 12, true);
                      var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                      result5.push({
                        key: result3,
                        value: result4,
                      });
                    }
                    var ptr6 = dataView(memory0).getUint32(ret + 32, true);
                    var len6 = dataView(memory0).getUint32(ret + 36, true);
                    var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
                    let variant10;
                    switch (dataView(memory0).getUint8(ret + 40, true)) {
                      case 0: {
                        variant10 = undefined;
                        break;
                      }
                      case 1: {
                        var ptr7 = dataView(memory0).getUint32(ret + 44, true);
                        var len7 = dataView(memory0).getUint32(ret + 48, true);
                        var result7 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr7, len7));
                        let variant9;
                        switch (dataView(memory0).getUint8(ret + 52, true)) {
                          case 0: {
                            variant9 = undefined;
                            break;
                          }
                          case 1: {
                            var ptr8 = dataView(memory0).getUint32(ret + 56, true);
                            var len8 = dataView(memory0).getUint32(ret + 60, true);
                            var result8 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr8, len8));
                            variant9 = result8;
                            break;
                          }
                          default: {
                            throw new TypeError('invalid variant discriminant for option');
                          }
                        }
                        variant10 = {
                          url: result7,
                          authorization: variant9,
                        };
                        break;
                      }
                      default: {
                        throw new TypeError('invalid variant discriminant for option');
                      }
                    }
                    let variant12;
                    switch (dataView(memory0).getUint8(ret + 64, true)) {
                      case 0: {
                        variant12 = undefined;
                        break;
                      }
                      case 1: {
                        var ptr11 = dataView(memory0).getUint32(ret + 68, true);
                        var len11 = dataView(memory0).getUint32(ret + 72, true);
                        var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                        variant12 = result11;
                        break;
                      }
                      default: {
                        throw new TypeError('invalid variant discriminant for option');
                      }
                    }
                    variant13 = {
                      method: result1,
                      url: result2,
                      headers: result5,
                      body: result6,
                      proxy: variant10,
                      caFile: variant12,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                variant19= {
                  tag: 'ok',
                  val: variant13
                };
                break;
              }
              case 1: {
                let enum14;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum14 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum14 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum14 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum14 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum14 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum14 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum14 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum14 = 'expired';
                    break;
                  }
                  case 8: {
                    enum14 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum14 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum14 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum14 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum14 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum14 = 'internal';
                    break;
                  }
                  case 14: {
                    enum14 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum14 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum14 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum14 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum14 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum14 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum14 = 'offline';
                    break;
                  }
                  case 21: {
                    enum14 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum14 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum14 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum14 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum14 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum14 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr15 = dataView(memory0).getUint32(ret + 8, true);
                var len15 = dataView(memory0).getUint32(ret + 12, true);
                var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
                var len18 = dataView(memory0).getUint32(ret + 20, true);
                var base18 = dataView(memory0).getUint32(ret + 16, true);
                if (base18 % 4 !== 0) throw new TypeError(`list pointer [${base18}] is not aligned to 4`);
                var result18 = [];
                for (let i = 0; i < len18; i++) {
                  const base = base18 + i * 16;
                  var ptr16 = dataView(memory0).getUint32(base + 0, true);
                  var len16 = dataView(memory0).getUint32(base + 4, true);
                  var result16 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr16, len16));
                  var ptr17 = dataView(memory0).getUint32(base + 8, true);
                  var len17 = dataView(memory0).getUint32(base + 12, true);
                  var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
                  result18.push({
                    key: result16,
                    value: result17,
                  });
                }
                variant19= {
                  tag: 'err',
                  val: {
                    code: enum14,
                    message: result15,
                    details: result18,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant19;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn14(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1ApplyResponse;
    
    function applyResponse(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1ApplyResponse',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var variant7 = arg0;
            let variant7_0;
            let variant7_1;
            let variant7_2;
            let variant7_3;
            let variant7_4;
            let variant7_5;
            switch (variant7.tag) {
              case 'ok': {
                const e = variant7.val;
                var {status: v0_0, headers: v0_1, body: v0_2 } = e;
                var vec4 = v0_1;
                var len4 = vec4.length;
                var result4 = realloc0(0, 0, 4, len4 * 16);
                for (let i = 0; i < vec4.length; i++) {
                  const e = vec4[i];
                  const base = result4 + i * 16;var {key: v1_0, value: v1_1 } = e;
                  
                  var encodeRes = _utf8AllocateAndEncode(v1_0, realloc0, memory0);
                  var ptr2= encodeRes.ptr;
                  var len2 = encodeRes.len;
                  
                  dataView(memory0).setUint32(base + 4, len2, true);
                  dataView(memory0).setUint32(base + 0, ptr2, true);
                  
                  var encodeRes = _utf8AllocateAndEncode(v1_1, realloc0, memory0);
                  var ptr3= encodeRes.ptr;
                  var len3 = encodeRes.len;
                  
                  dataView(memory0).setUint32(base + 12, len3, true);
                  dataView(memory0).setUint32(base + 8, ptr3, true);
                }
                
                var encodeRes = _utf8AllocateAndEncode(v0_2, realloc0, memory0);
                var ptr5= encodeRes.ptr;
                var len5 = encodeRes.len;
                
                variant7_0 = 0;
                variant7_1 = toUint16(v0_0);
                variant7_2 = result4;
                variant7_3 = len4;
                variant7_4 = ptr5;
                variant7_5 = len5;
                
                break;
              }
              case 'err': {
                const e = variant7.val;
                
                var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                var ptr6= encodeRes.ptr;
                var len6 = encodeRes.len;
                
                variant7_0 = 1;
                variant7_1 = ptr6;
                variant7_2 = len6;
                variant7_3 = 0;
                variant7_4 = 0;
                variant7_5 = 0;
                
                break;
              }
              default: {
                
                throw new TypeError('invalid variant specified for result');
              }
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1ApplyResponse(variant7_0, variant7_1, variant7_2, variant7_3, variant7_4, variant7_5),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant13;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant13 = undefined;
                break;
              }
              case 1: {
                let enum8;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum8 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum8 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum8 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum8 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum8 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum8 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum8 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum8 = 'expired';
                    break;
                  }
                  case 8: {
                    enum8 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum8 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum8 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum8 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum8 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum8 = 'internal';
                    break;
                  }
                  case 14: {
                    enum8 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum8 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum8 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum8 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum8 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum8 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum8 = 'offline';
                    break;
                  }
                  case 21: {
                    enum8 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum8 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum8 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum8 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum8 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum8 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr9 = dataView(memory0).getUint32(ret + 8, true);
                var len9 = dataView(memory0).getUint32(ret + 12, true);
                var result9 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr9, len9));
                var len12 = dataView(memory0).getUint32(ret + 20, true);
                var base12 = dataView(memory0).getUint32(ret + 16, true);
                if (base12 % 4 !== 0) throw new TypeError(`list pointer [${base12}] is not aligned to 4`);
                var result12 = [];
                for (let i = 0; i < len12; i++) {
                  const base = base12 + i * 16;
                  var ptr10 = dataView(memory0).getUint32(base + 0, true);
                  var len10 = dataView(memory0).getUint32(base + 4, true);
                  var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                  var ptr11 = dataView(memory0).getUint32(base + 8, true);
                  var len11 = dataView(memory0).getUint32(base + 12, true);
                  var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                  result12.push({
                    key: result10,
                    value: result11,
                  });
                }
                variant13 = {
                  code: enum8,
                  message: result9,
                  details: result12,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let enum14;
            switch (dataView(memory0).getUint8(ret + 24, true)) {
              case 0: {
                enum14 = 'active';
                break;
              }
              case 1: {
                enum14 = 'community';
                break;
              }
              case 2: {
                enum14 = 'expired';
                break;
              }
              case 3: {
                enum14 = 'not-yet-valid';
                break;
              }
              case 4: {
                enum14 = 'invalid';
                break;
              }
              case 5: {
                enum14 = 'demo';
                break;
              }
              case 6: {
                enum14 = 'grace';
                break;
              }
              case 7: {
                enum14 = 'restricted';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Status');
              }
            }
            var ptr15 = dataView(memory0).getUint32(ret + 28, true);
            var len15 = dataView(memory0).getUint32(ret + 32, true);
            var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
            var bool16 = dataView(memory0).getUint8(ret + 36, true);
            var len18 = dataView(memory0).getUint32(ret + 44, true);
            var base18 = dataView(memory0).getUint32(ret + 40, true);
            if (base18 % 4 !== 0) throw new TypeError(`list pointer [${base18}] is not aligned to 4`);
            var result18 = [];
            for (let i = 0; i < len18; i++) {
              const base = base18 + i * 8;
              var ptr17 = dataView(memory0).getUint32(base + 0, true);
              var len17 = dataView(memory0).getUint32(base + 4, true);
              var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
              result18.push(result17);
            }
            var len20 = dataView(memory0).getUint32(ret + 52, true);
            var base20 = dataView(memory0).getUint32(ret + 48, true);
            if (base20 % 8 !== 0) throw new TypeError(`list pointer [${base20}] is not aligned to 8`);
            var result20 = [];
            for (let i = 0; i < len20; i++) {
              const base = base20 + i * 16;
              var ptr19 = dataView(memory0).getUint32(base + 0, true);
              var len19 = dataView(memory0).getUint32(base + 4, true);
              var result19 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr19, len19));
              result20.push({
                name: result19,
                max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
              });
            }
            var bool21 = dataView(memory0).getUint8(ret + 56, true);
            let variant22;
            switch (dataView(memory0).getUint8(ret + 64, true)) {
              case 0: {
                variant22 = undefined;
                break;
              }
              case 1: {
                variant22 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 72, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant28;
            switch (dataView(memory0).getUint8(ret + 80, true)) {
              case 0: {
                variant28 = undefined;
                break;
              }
              case 1: {
                let enum23;
                switch (dataView(memory0).getUint8(ret + 84, true)) {
                  case 0: {
                    enum23 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum23 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum23 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum23 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum23 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum23 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum23 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum23 = 'expired';
                    break;
                  }
                  case 8: {
                    enum23 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum23 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum23 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum23 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum23 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum23 = 'internal';
                    break;
                  }
                  case 14: {
                    enum23 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum23 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum23 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum23 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum23 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum23 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum23 = 'offline';
                    break;
                  }
                  case 21: {
                    enum23 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum23 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum23 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum23 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum23 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum23 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr24 = dataView(memory0).getUint32(ret + 88, true);
                var len24 = dataView(memory0).getUint32(ret + 92, true);
                var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
                var len27 = dataView(memory0).getUint32(ret + 100, true);
                var base27 = dataView(memory0).getUint32(ret + 96, true);
                if (base27 % 4 !== 0) throw new TypeError(`list pointer [${base27}] is not aligned to 4`);
                var result27 = [];
                for (let i = 0; i < len27; i++) {
                  const base = base27 + i * 16;
                  var ptr25 = dataView(memory0).getUint32(base + 0, true);
                  var len25 = dataView(memory0).getUint32(base + 4, true);
                  var result25 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr25, len25));
                  var ptr26 = dataView(memory0).getUint32(base + 8, true);
                  var len26 = dataView(memory0).getUint32(base + 12, true);
                  var result26 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr26, len26));
                  result27.push({
                    key: result25,
                    value: result26,
                  });
                }
                variant28 = {
                  code: enum23,
                  message: result24,
                  details: result27,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant30;
            switch (dataView(memory0).getUint8(ret + 104, true)) {
              case 0: {
                variant30 = undefined;
                break;
              }
              case 1: {
                var ptr29 = dataView(memory0).getUint32(ret + 108, true);
                var len29 = dataView(memory0).getUint32(ret + 112, true);
                var result29 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr29, len29));
                variant30 = result29;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([{
              error: variant13,
              snapshot: {
                status: enum14,
                plan: result15,
                allFeatures: bool16 == 0 ? false : (bool16 == 1 ? true : throwInvalidBool()),
                features: result18,
                limits: result20,
                blocking: bool21 == 0 ? false : (bool21 == 1 ? true : throwInvalidBool()),
                validUntil: variant22,
                error: variant28,
                warning: variant30,
              },
            }]);
            const retCopy = {
              error: variant13,
              snapshot: {
                status: enum14,
                plan: result15,
                allFeatures: bool16 == 0 ? false : (bool16 == 1 ? true : throwInvalidBool()),
                features: result18,
                limits: result20,
                blocking: bool21 == 0 ? false : (bool21 == 1 ? true : throwInvalidBool()),
                validUntil: variant22,
                error: variant28,
                warning: variant30,
              },
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn15(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1OfflineRequest;
    
    function offlineRequest() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1OfflineRequest',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1OfflineRequest(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant6;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                var ptr0 = dataView(memory0).getUint32(ret + 4, true);
                var len0 = dataView(memory0).getUint32(ret + 8, true);
                var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
                variant6= {
                  tag: 'ok',
                  val: result0
                };
                break;
              }
              case 1: {
                let enum1;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum1 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum1 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum1 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum1 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum1 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum1 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum1 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum1 = 'expired';
                    break;
                  }
                  case 8: {
                    enum1 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum1 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum1 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum1 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum1 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum1 = 'internal';
                    break;
                  }
                  case 14: {
                    enum1 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum1 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum1 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum1 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum1 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum1 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum1 = 'offline';
                    break;
                  }
                  case 21: {
                    enum1 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum1 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum1 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum1 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum1 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum1 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr2 = dataView(memory0).getUint32(ret + 8, true);
                var len2 = dataView(memory0).getUint32(ret + 12, true);
                var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
                var len5 = dataView(memory0).getUint32(ret + 20, true);
                var base5 = dataView(memory0).getUint32(ret + 16, true);
                if (base5 % 4 !== 0) throw new TypeError(`list pointer [${base5}] is not aligned to 4`);
                var result5 = [];
                for (let i = 0; i < len5; i++) {
                  const base = base5 + i * 16;
                  var ptr3 = dataView(memory0).getUint32(base + 0, true);
                  var len3 = dataView(memory0).getUint32(base + 4, true);
                  var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                  var ptr4 = dataView(memory0).getUint32(base + 8, true);
                  var len4 = dataView(memory0).getUint32(base + 12, true);
                  var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                  result5.push({
                    key: result3,
                    value: result4,
                  });
                }
                variant6= {
                  tag: 'err',
                  val: {
                    code: enum1,
                    message: result2,
                    details: result5,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant6;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn16(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1InstallActivation;
    
    function installActivation(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1InstallActivation',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1InstallActivation(ptr0, len0),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant6;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant6 = undefined;
                break;
              }
              case 1: {
                let enum1;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum1 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum1 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum1 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum1 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum1 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum1 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum1 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum1 = 'expired';
                    break;
                  }
                  case 8: {
                    enum1 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum1 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum1 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum1 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum1 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum1 = 'internal';
                    break;
                  }
                  case 14: {
                    enum1 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum1 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum1 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum1 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum1 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum1 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum1 = 'offline';
                    break;
                  }
                  case 21: {
                    enum1 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum1 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum1 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum1 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum1 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum1 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr2 = dataView(memory0).getUint32(ret + 8, true);
                var len2 = dataView(memory0).getUint32(ret + 12, true);
                var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
                var len5 = dataView(memory0).getUint32(ret + 20, true);
                var base5 = dataView(memory0).getUint32(ret + 16, true);
                if (base5 % 4 !== 0) throw new TypeError(`list pointer [${base5}] is not aligned to 4`);
                var result5 = [];
                for (let i = 0; i < len5; i++) {
                  const base = base5 + i * 16;
                  var ptr3 = dataView(memory0).getUint32(base + 0, true);
                  var len3 = dataView(memory0).getUint32(base + 4, true);
                  var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                  var ptr4 = dataView(memory0).getUint32(base + 8, true);
                  var len4 = dataView(memory0).getUint32(base + 12, true);
                  var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                  result5.push({
                    key: result3,
                    value: result4,
                  });
                }
                variant6 = {
                  code: enum1,
                  message: result2,
                  details: result5,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let enum7;
            switch (dataView(memory0).getUint8(ret + 24, true)) {
              case 0: {
                enum7 = 'active';
                break;
              }
              case 1: {
                enum7 = 'community';
                break;
              }
              case 2: {
                enum7 = 'expired';
                break;
              }
              case 3: {
                enum7 = 'not-yet-valid';
                break;
              }
              case 4: {
                enum7 = 'invalid';
                break;
              }
              case 5: {
                enum7 = 'demo';
                break;
              }
              case 6: {
                enum7 = 'grace';
                break;
              }
              case 7: {
                enum7 = 'restricted';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Status');
              }
            }
            var ptr8 = dataView(memory0).getUint32(ret + 28, true);
            var len8 = dataView(memory0).getUint32(ret + 32, true);
            var result8 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr8, len8));
            var bool9 = dataView(memory0).getUint8(ret + 36, true);
            var len11 = dataView(memory0).getUint32(ret + 44, true);
            var base11 = dataView(memory0).getUint32(ret + 40, true);
            if (base11 % 4 !== 0) throw new TypeError(`list pointer [${base11}] is not aligned to 4`);
            var result11 = [];
            for (let i = 0; i < len11; i++) {
              const base = base11 + i * 8;
              var ptr10 = dataView(memory0).getUint32(base + 0, true);
              var len10 = dataView(memory0).getUint32(base + 4, true);
              var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
              result11.push(result10);
            }
            var len13 = dataView(memory0).getUint32(ret + 52, true);
            var base13 = dataView(memory0).getUint32(ret + 48, true);
            if (base13 % 8 !== 0) throw new TypeError(`list pointer [${base13}] is not aligned to 8`);
            var result13 = [];
            for (let i = 0; i < len13; i++) {
              const base = base13 + i * 16;
              var ptr12 = dataView(memory0).getUint32(base + 0, true);
              var len12 = dataView(memory0).getUint32(base + 4, true);
              var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
              result13.push({
                name: result12,
                max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
              });
            }
            var bool14 = dataView(memory0).getUint8(ret + 56, true);
            let variant15;
            switch (dataView(memory0).getUint8(ret + 64, true)) {
              case 0: {
                variant15 = undefined;
                break;
              }
              case 1: {
                variant15 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 72, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant21;
            switch (dataView(memory0).getUint8(ret + 80, true)) {
              case 0: {
                variant21 = undefined;
                break;
              }
              case 1: {
                let enum16;
                switch (dataView(memory0).getUint8(ret + 84, true)) {
                  case 0: {
                    enum16 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum16 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum16 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum16 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum16 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum16 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum16 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum16 = 'expired';
                    break;
                  }
                  case 8: {
                    enum16 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum16 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum16 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum16 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum16 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum16 = 'internal';
                    break;
                  }
                  case 14: {
                    enum16 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum16 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum16 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum16 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum16 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum16 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum16 = 'offline';
                    break;
                  }
                  case 21: {
                    enum16 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum16 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum16 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum16 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum16 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum16 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr17 = dataView(memory0).getUint32(ret + 88, true);
                var len17 = dataView(memory0).getUint32(ret + 92, true);
                var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
                var len20 = dataView(memory0).getUint32(ret + 100, true);
                var base20 = dataView(memory0).getUint32(ret + 96, true);
                if (base20 % 4 !== 0) throw new TypeError(`list pointer [${base20}] is not aligned to 4`);
                var result20 = [];
                for (let i = 0; i < len20; i++) {
                  const base = base20 + i * 16;
                  var ptr18 = dataView(memory0).getUint32(base + 0, true);
                  var len18 = dataView(memory0).getUint32(base + 4, true);
                  var result18 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr18, len18));
                  var ptr19 = dataView(memory0).getUint32(base + 8, true);
                  var len19 = dataView(memory0).getUint32(base + 12, true);
                  var result19 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr19, len19));
                  result20.push({
                    key: result18,
                    value: result19,
                  });
                }
                variant21 = {
                  code: enum16,
                  message: result17,
                  details: result20,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant23;
            switch (dataView(memory0).getUint8(ret + 104, true)) {
              case 0: {
                variant23 = undefined;
                break;
              }
              case 1: {
                var ptr22 = dataView(memory0).getUint32(ret + 108, true);
                var len22 = dataView(memory0).getUint32(ret + 112, true);
                var result22 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr22, len22));
                variant23 = result22;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([{
              error: variant6,
              snapshot: {
                status: enum7,
                plan: result8,
                allFeatures: bool9 == 0 ? false : (bool9 == 1 ? true : throwInvalidBool()),
                features: result11,
                limits: result13,
                blocking: bool14 == 0 ? false : (bool14 == 1 ? true : throwInvalidBool()),
                validUntil: variant15,
                error: variant21,
                warning: variant23,
              },
            }]);
            const retCopy = {
              error: variant6,
              snapshot: {
                status: enum7,
                plan: result8,
                allFeatures: bool9 == 0 ? false : (bool9 == 1 ? true : throwInvalidBool()),
                features: result11,
                limits: result13,
                blocking: bool14 == 0 ? false : (bool14 == 1 ? true : throwInvalidBool()),
                validUntil: variant15,
                error: variant21,
                warning: variant23,
              },
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn15(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1AgentMessage;
    
    function agentMessage() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1AgentMessage',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1AgentMessage(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant1;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant1 = undefined;
                break;
              }
              case 1: {
                var ptr0 = dataView(memory0).getUint32(ret + 4, true);
                var len0 = dataView(memory0).getUint32(ret + 8, true);
                var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
                variant1 = result0;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            
            task.resolve([variant1]);
            const retCopy = variant1;
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn9(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1SetAccessPolicy;
    
    function setAccessPolicy(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1SetAccessPolicy',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'throw-result-err',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var variant1 = arg0;
            let variant1_0;
            let variant1_1;
            let variant1_2;
            if (variant1 === null || variant1=== undefined) {
              variant1_0 = 0;
              variant1_1 = 0;
              variant1_2 = 0;
            } else {
              const e = variant1;
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr0= encodeRes.ptr;
              var len0 = encodeRes.len;
              
              variant1_0 = 1;
              variant1_1 = ptr0;
              variant1_2 = len0;
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1SetAccessPolicy(variant1_0, variant1_1, variant1_2),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let variant7;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                variant7= {
                  tag: 'ok',
                  val: undefined
                };
                break;
              }
              case 1: {
                let enum2;
                switch (dataView(memory0).getUint8(ret + 4, true)) {
                  case 0: {
                    enum2 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum2 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum2 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum2 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum2 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum2 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum2 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum2 = 'expired';
                    break;
                  }
                  case 8: {
                    enum2 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum2 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum2 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum2 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum2 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum2 = 'internal';
                    break;
                  }
                  case 14: {
                    enum2 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum2 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum2 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum2 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum2 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum2 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum2 = 'offline';
                    break;
                  }
                  case 21: {
                    enum2 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum2 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum2 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum2 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum2 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum2 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr3 = dataView(memory0).getUint32(ret + 8, true);
                var len3 = dataView(memory0).getUint32(ret + 12, true);
                var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                var len6 = dataView(memory0).getUint32(ret + 20, true);
                var base6 = dataView(memory0).getUint32(ret + 16, true);
                if (base6 % 4 !== 0) throw new TypeError(`list pointer [${base6}] is not aligned to 4`);
                var result6 = [];
                for (let i = 0; i < len6; i++) {
                  const base = base6 + i * 16;
                  var ptr4 = dataView(memory0).getUint32(base + 0, true);
                  var len4 = dataView(memory0).getUint32(base + 4, true);
                  var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                  var ptr5 = dataView(memory0).getUint32(base + 8, true);
                  var len5 = dataView(memory0).getUint32(base + 12, true);
                  var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
                  result6.push({
                    key: result4,
                    value: result5,
                  });
                }
                variant7= {
                  tag: 'err',
                  val: {
                    code: enum2,
                    message: result3,
                    details: result6,
                  }
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for expected');
              }
            }
            
            const retCopy = variant7;
            task.resolve([retCopy.val]);
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn0(ret);
            cstate.mayLeave = true;
            task.exit();
            
            
            
            if (typeof retCopy === 'object' && retCopy.tag === 'err') {
              throw retCopy.val;
            }
            return retCopy.val;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1Authorize;
    
    function authorize(arg0, arg1, arg2) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Authorize',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var {roles: v0_0, groups: v0_1 } = arg0;
            var vec2 = v0_0;
            var len2 = vec2.length;
            var result2 = realloc0(0, 0, 4, len2 * 8);
            for (let i = 0; i < vec2.length; i++) {
              const e = vec2[i];
              const base = result2 + i * 8;
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr1= encodeRes.ptr;
              var len1 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len1, true);
              dataView(memory0).setUint32(base + 0, ptr1, true);
            }
            var vec4 = v0_1;
            var len4 = vec4.length;
            var result4 = realloc0(0, 0, 4, len4 * 8);
            for (let i = 0; i < vec4.length; i++) {
              const e = vec4[i];
              const base = result4 + i * 8;
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr3= encodeRes.ptr;
              var len3 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len3, true);
              dataView(memory0).setUint32(base + 0, ptr3, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(arg1, realloc0, memory0);
            var ptr5= encodeRes.ptr;
            var len5 = encodeRes.len;
            
            
            var encodeRes = _utf8AllocateAndEncode(arg2, realloc0, memory0);
            var ptr6= encodeRes.ptr;
            var len6 = encodeRes.len;
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Authorize(result2, len2, result4, len4, ptr5, len5, ptr6, len6),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var bool7 = dataView(memory0).getUint8(ret + 0, true);
            let variant9;
            switch (dataView(memory0).getUint8(ret + 4, true)) {
              case 0: {
                variant9 = undefined;
                break;
              }
              case 1: {
                var ptr8 = dataView(memory0).getUint32(ret + 8, true);
                var len8 = dataView(memory0).getUint32(ret + 12, true);
                var result8 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr8, len8));
                variant9 = result8;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant11;
            switch (dataView(memory0).getUint8(ret + 16, true)) {
              case 0: {
                variant11 = undefined;
                break;
              }
              case 1: {
                var ptr10 = dataView(memory0).getUint32(ret + 20, true);
                var len10 = dataView(memory0).getUint32(ret + 24, true);
                var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                variant11 = result10;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var ptr12 = dataView(memory0).getUint32(ret + 28, true);
            var len12 = dataView(memory0).getUint32(ret + 32, true);
            var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
            var ptr13 = dataView(memory0).getUint32(ret + 36, true);
            var len13 = dataView(memory0).getUint32(ret + 40, true);
            var result13 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr13, len13));
            
            task.resolve([{
              allow: bool7 == 0 ? false : (bool7 == 1 ? true : throwInvalidBool()),
              role: variant9,
              pattern: variant11,
              reason: result12,
              body: result13,
            }]);
            const retCopy = {
              allow: bool7 == 0 ? false : (bool7 == 1 ? true : throwInvalidBool()),
              role: variant9,
              pattern: variant11,
              reason: result12,
              body: result13,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn17(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1NextCheckDelay;
    
    function nextCheckDelay() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1NextCheckDelay',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (null!== null) {
        task.setReturnMemoryIdx(null);
        task.setReturnMemory((() => null)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1NextCheckDelay(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            
            task.resolve([ret >>> 0]);
            task.exit();
            return ret >>> 0;
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1FailureAnswers;
    
    function failureAnswers() {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1FailureAnswers',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1FailureAnswers(),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            let enum0;
            switch (dataView(memory0).getUint8(ret + 0, true)) {
              case 0: {
                enum0 = 'malformed';
                break;
              }
              case 1: {
                enum0 = 'too-large';
                break;
              }
              case 2: {
                enum0 = 'unsupported-version';
                break;
              }
              case 3: {
                enum0 = 'unknown-key-id';
                break;
              }
              case 4: {
                enum0 = 'wrong-algorithm';
                break;
              }
              case 5: {
                enum0 = 'bad-signature';
                break;
              }
              case 6: {
                enum0 = 'invalid-payload';
                break;
              }
              case 7: {
                enum0 = 'expired';
                break;
              }
              case 8: {
                enum0 = 'not-yet-valid';
                break;
              }
              case 9: {
                enum0 = 'no-license';
                break;
              }
              case 10: {
                enum0 = 'feature-not-licensed';
                break;
              }
              case 11: {
                enum0 = 'cap-exceeded';
                break;
              }
              case 12: {
                enum0 = 'invalid-config';
                break;
              }
              case 13: {
                enum0 = 'internal';
                break;
              }
              case 14: {
                enum0 = 'revoked';
                break;
              }
              case 15: {
                enum0 = 'license-not-found';
                break;
              }
              case 16: {
                enum0 = 'device-limit-exceeded';
                break;
              }
              case 17: {
                enum0 = 'clock-rollback';
                break;
              }
              case 18: {
                enum0 = 'clock-skew';
                break;
              }
              case 19: {
                enum0 = 'grace-expired';
                break;
              }
              case 20: {
                enum0 = 'offline';
                break;
              }
              case 21: {
                enum0 = 'not-validated';
                break;
              }
              case 22: {
                enum0 = 'state-tampered';
                break;
              }
              case 23: {
                enum0 = 'bad-response';
                break;
              }
              case 24: {
                enum0 = 'suspended';
                break;
              }
              case 25: {
                enum0 = 'state-not-saved';
                break;
              }
              case 26: {
                enum0 = 'activation-expired';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for ErrorCode');
              }
            }
            var ptr1 = dataView(memory0).getUint32(ret + 4, true);
            var len1 = dataView(memory0).getUint32(ret + 8, true);
            var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
            var len4 = dataView(memory0).getUint32(ret + 16, true);
            var base4 = dataView(memory0).getUint32(ret + 12, true);
            if (base4 % 4 !== 0) throw new TypeError(`list pointer [${base4}] is not aligned to 4`);
            var result4 = [];
            for (let i = 0; i < len4; i++) {
              const base = base4 + i * 16;
              var ptr2 = dataView(memory0).getUint32(base + 0, true);
              var len2 = dataView(memory0).getUint32(base + 4, true);
              var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
              var ptr3 = dataView(memory0).getUint32(base + 8, true);
              var len3 = dataView(memory0).getUint32(base + 12, true);
              var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
              result4.push({
                key: result2,
                value: result3,
              });
            }
            let enum5;
            switch (dataView(memory0).getUint8(ret + 24, true)) {
              case 0: {
                enum5 = 'active';
                break;
              }
              case 1: {
                enum5 = 'community';
                break;
              }
              case 2: {
                enum5 = 'expired';
                break;
              }
              case 3: {
                enum5 = 'not-yet-valid';
                break;
              }
              case 4: {
                enum5 = 'invalid';
                break;
              }
              case 5: {
                enum5 = 'demo';
                break;
              }
              case 6: {
                enum5 = 'grace';
                break;
              }
              case 7: {
                enum5 = 'restricted';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Status');
              }
            }
            var ptr6 = dataView(memory0).getUint32(ret + 28, true);
            var len6 = dataView(memory0).getUint32(ret + 32, true);
            var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
            var bool7 = dataView(memory0).getUint8(ret + 36, true);
            var len9 = dataView(memory0).getUint32(ret + 44, true);
            var base9 = dataView(memory0).getUint32(ret + 40, true);
            if (base9 % 4 !== 0) throw new TypeError(`list pointer [${base9}] is not aligned to 4`);
            var result9 = [];
            for (let i = 0; i < len9; i++) {
              const base = base9 + i * 8;
              var ptr8 = dataView(memory0).getUint32(base + 0, true);
              var len8 = dataView(memory0).getUint32(base + 4, true);
              var result8 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr8, len8));
              result9.push(result8);
            }
            var len11 = dataView(memory0).getUint32(ret + 52, true);
            var base11 = dataView(memory0).getUint32(ret + 48, true);
            if (base11 % 8 !== 0) throw new TypeError(`list pointer [${base11}] is not aligned to 8`);
            var result11 = [];
            for (let i = 0; i < len11; i++) {
              const base = base11 + i * 16;
              var ptr10 = dataView(memory0).getUint32(base + 0, true);
              var len10 = dataView(memory0).getUint32(base + 4, true);
              var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
              result11.push({
                name: result10,
                max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
              });
            }
            var bool12 = dataView(memory0).getUint8(ret + 56, true);
            let variant13;
            switch (dataView(memory0).getUint8(ret + 64, true)) {
              case 0: {
                variant13 = undefined;
                break;
              }
              case 1: {
                variant13 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 72, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant19;
            switch (dataView(memory0).getUint8(ret + 80, true)) {
              case 0: {
                variant19 = undefined;
                break;
              }
              case 1: {
                let enum14;
                switch (dataView(memory0).getUint8(ret + 84, true)) {
                  case 0: {
                    enum14 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum14 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum14 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum14 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum14 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum14 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum14 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum14 = 'expired';
                    break;
                  }
                  case 8: {
                    enum14 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum14 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum14 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum14 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum14 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum14 = 'internal';
                    break;
                  }
                  case 14: {
                    enum14 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum14 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum14 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum14 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum14 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum14 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum14 = 'offline';
                    break;
                  }
                  case 21: {
                    enum14 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum14 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum14 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum14 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum14 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum14 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr15 = dataView(memory0).getUint32(ret + 88, true);
                var len15 = dataView(memory0).getUint32(ret + 92, true);
                var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
                var len18 = dataView(memory0).getUint32(ret + 100, true);
                var base18 = dataView(memory0).getUint32(ret + 96, true);
                if (base18 % 4 !== 0) throw new TypeError(`list pointer [${base18}] is not aligned to 4`);
                var result18 = [];
                for (let i = 0; i < len18; i++) {
                  const base = base18 + i * 16;
                  var ptr16 = dataView(memory0).getUint32(base + 0, true);
                  var len16 = dataView(memory0).getUint32(base + 4, true);
                  var result16 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr16, len16));
                  var ptr17 = dataView(memory0).getUint32(base + 8, true);
                  var len17 = dataView(memory0).getUint32(base + 12, true);
                  var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
                  result18.push({
                    key: result16,
                    value: result17,
                  });
                }
                variant19 = {
                  code: enum14,
                  message: result15,
                  details: result18,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant21;
            switch (dataView(memory0).getUint8(ret + 104, true)) {
              case 0: {
                variant21 = undefined;
                break;
              }
              case 1: {
                var ptr20 = dataView(memory0).getUint32(ret + 108, true);
                var len20 = dataView(memory0).getUint32(ret + 112, true);
                var result20 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr20, len20));
                variant21 = result20;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var bool22 = dataView(memory0).getUint8(ret + 120, true);
            let variant28;
            switch (dataView(memory0).getUint8(ret + 124, true)) {
              case 0: {
                variant28 = undefined;
                break;
              }
              case 1: {
                let enum23;
                switch (dataView(memory0).getUint8(ret + 128, true)) {
                  case 0: {
                    enum23 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum23 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum23 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum23 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum23 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum23 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum23 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum23 = 'expired';
                    break;
                  }
                  case 8: {
                    enum23 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum23 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum23 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum23 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum23 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum23 = 'internal';
                    break;
                  }
                  case 14: {
                    enum23 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum23 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum23 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum23 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum23 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum23 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum23 = 'offline';
                    break;
                  }
                  case 21: {
                    enum23 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum23 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum23 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum23 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum23 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum23 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr24 = dataView(memory0).getUint32(ret + 132, true);
                var len24 = dataView(memory0).getUint32(ret + 136, true);
                var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
                var len27 = dataView(memory0).getUint32(ret + 144, true);
                var base27 = dataView(memory0).getUint32(ret + 140, true);
                if (base27 % 4 !== 0) throw new TypeError(`list pointer [${base27}] is not aligned to 4`);
                var result27 = [];
                for (let i = 0; i < len27; i++) {
                  const base = base27 + i * 16;
                  var ptr25 = dataView(memory0).getUint32(base + 0, true);
                  var len25 = dataView(memory0).getUint32(base + 4, true);
                  var result25 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr25, len25));
                  var ptr26 = dataView(memory0).getUint32(base + 8, true);
                  var len26 = dataView(memory0).getUint32(base + 12, true);
                  var result26 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr26, len26));
                  result27.push({
                    key: result25,
                    value: result26,
                  });
                }
                variant28 = {
                  code: enum23,
                  message: result24,
                  details: result27,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var ptr29 = dataView(memory0).getUint32(ret + 148, true);
            var len29 = dataView(memory0).getUint32(ret + 152, true);
            var result29 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr29, len29));
            var bool30 = dataView(memory0).getUint8(ret + 160, true);
            let enum31;
            switch (dataView(memory0).getUint8(ret + 161, true)) {
              case 0: {
                enum31 = 'active';
                break;
              }
              case 1: {
                enum31 = 'community';
                break;
              }
              case 2: {
                enum31 = 'expired';
                break;
              }
              case 3: {
                enum31 = 'not-yet-valid';
                break;
              }
              case 4: {
                enum31 = 'invalid';
                break;
              }
              case 5: {
                enum31 = 'demo';
                break;
              }
              case 6: {
                enum31 = 'grace';
                break;
              }
              case 7: {
                enum31 = 'restricted';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Status');
              }
            }
            var ptr32 = dataView(memory0).getUint32(ret + 164, true);
            var len32 = dataView(memory0).getUint32(ret + 168, true);
            var result32 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr32, len32));
            let variant34;
            switch (dataView(memory0).getUint8(ret + 172, true)) {
              case 0: {
                variant34 = undefined;
                break;
              }
              case 1: {
                var ptr33 = dataView(memory0).getUint32(ret + 176, true);
                var len33 = dataView(memory0).getUint32(ret + 180, true);
                var result33 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr33, len33));
                variant34 = result33;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant36;
            switch (dataView(memory0).getUint8(ret + 184, true)) {
              case 0: {
                variant36 = undefined;
                break;
              }
              case 1: {
                var ptr35 = dataView(memory0).getUint32(ret + 188, true);
                var len35 = dataView(memory0).getUint32(ret + 192, true);
                var result35 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr35, len35));
                variant36 = result35;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant38;
            switch (dataView(memory0).getUint8(ret + 196, true)) {
              case 0: {
                variant38 = undefined;
                break;
              }
              case 1: {
                var ptr37 = dataView(memory0).getUint32(ret + 200, true);
                var len37 = dataView(memory0).getUint32(ret + 204, true);
                var result37 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr37, len37));
                variant38 = result37;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var ptr39 = dataView(memory0).getUint32(ret + 208, true);
            var len39 = dataView(memory0).getUint32(ret + 212, true);
            var result39 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr39, len39));
            var len42 = dataView(memory0).getUint32(ret + 220, true);
            var base42 = dataView(memory0).getUint32(ret + 216, true);
            if (base42 % 4 !== 0) throw new TypeError(`list pointer [${base42}] is not aligned to 4`);
            var result42 = [];
            for (let i = 0; i < len42; i++) {
              const base = base42 + i * 12;
              var ptr40 = dataView(memory0).getUint32(base + 0, true);
              var len40 = dataView(memory0).getUint32(base + 4, true);
              var result40 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr40, len40));
              var bool41 = dataView(memory0).getUint8(base + 8, true);
              result42.push({
                name: result40,
                enabled: bool41 == 0 ? false : (bool41 == 1 ? true : throwInvalidBool()),
              });
            }
            var len45 = dataView(memory0).getUint32(ret + 228, true);
            var base45 = dataView(memory0).getUint32(ret + 224, true);
            if (base45 % 8 !== 0) throw new TypeError(`list pointer [${base45}] is not aligned to 8`);
            var result45 = [];
            for (let i = 0; i < len45; i++) {
              const base = base45 + i * 32;
              var ptr43 = dataView(memory0).getUint32(base + 0, true);
              var len43 = dataView(memory0).getUint32(base + 4, true);
              var result43 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr43, len43));
              var bool44 = dataView(memory0).getUint8(base + 24, true);
              result45.push({
                name: result43,
                max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 8, true))),
                current: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 16, true))),
                soft: bool44 == 0 ? false : (bool44 == 1 ? true : throwInvalidBool()),
              });
            }
            let variant46;
            switch (dataView(memory0).getUint8(ret + 232, true)) {
              case 0: {
                variant46 = undefined;
                break;
              }
              case 1: {
                variant46 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 240, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant47;
            switch (dataView(memory0).getUint8(ret + 248, true)) {
              case 0: {
                variant47 = undefined;
                break;
              }
              case 1: {
                variant47 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 256, true)));
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant49;
            switch (dataView(memory0).getUint8(ret + 264, true)) {
              case 0: {
                variant49 = undefined;
                break;
              }
              case 1: {
                var ptr48 = dataView(memory0).getUint32(ret + 268, true);
                var len48 = dataView(memory0).getUint32(ret + 272, true);
                var result48 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr48, len48));
                variant49 = result48;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant50;
            switch (dataView(memory0).getUint8(ret + 276, true)) {
              case 0: {
                variant50 = undefined;
                break;
              }
              case 1: {
                variant50 = dataView(memory0).getInt32(ret + 280, true) >>> 0;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var bool51 = dataView(memory0).getUint8(ret + 284, true);
            var ptr52 = dataView(memory0).getUint32(ret + 288, true);
            var len52 = dataView(memory0).getUint32(ret + 292, true);
            var result52 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr52, len52));
            let variant58;
            switch (dataView(memory0).getUint8(ret + 296, true)) {
              case 0: {
                variant58 = undefined;
                break;
              }
              case 1: {
                let enum53;
                switch (dataView(memory0).getUint8(ret + 300, true)) {
                  case 0: {
                    enum53 = 'malformed';
                    break;
                  }
                  case 1: {
                    enum53 = 'too-large';
                    break;
                  }
                  case 2: {
                    enum53 = 'unsupported-version';
                    break;
                  }
                  case 3: {
                    enum53 = 'unknown-key-id';
                    break;
                  }
                  case 4: {
                    enum53 = 'wrong-algorithm';
                    break;
                  }
                  case 5: {
                    enum53 = 'bad-signature';
                    break;
                  }
                  case 6: {
                    enum53 = 'invalid-payload';
                    break;
                  }
                  case 7: {
                    enum53 = 'expired';
                    break;
                  }
                  case 8: {
                    enum53 = 'not-yet-valid';
                    break;
                  }
                  case 9: {
                    enum53 = 'no-license';
                    break;
                  }
                  case 10: {
                    enum53 = 'feature-not-licensed';
                    break;
                  }
                  case 11: {
                    enum53 = 'cap-exceeded';
                    break;
                  }
                  case 12: {
                    enum53 = 'invalid-config';
                    break;
                  }
                  case 13: {
                    enum53 = 'internal';
                    break;
                  }
                  case 14: {
                    enum53 = 'revoked';
                    break;
                  }
                  case 15: {
                    enum53 = 'license-not-found';
                    break;
                  }
                  case 16: {
                    enum53 = 'device-limit-exceeded';
                    break;
                  }
                  case 17: {
                    enum53 = 'clock-rollback';
                    break;
                  }
                  case 18: {
                    enum53 = 'clock-skew';
                    break;
                  }
                  case 19: {
                    enum53 = 'grace-expired';
                    break;
                  }
                  case 20: {
                    enum53 = 'offline';
                    break;
                  }
                  case 21: {
                    enum53 = 'not-validated';
                    break;
                  }
                  case 22: {
                    enum53 = 'state-tampered';
                    break;
                  }
                  case 23: {
                    enum53 = 'bad-response';
                    break;
                  }
                  case 24: {
                    enum53 = 'suspended';
                    break;
                  }
                  case 25: {
                    enum53 = 'state-not-saved';
                    break;
                  }
                  case 26: {
                    enum53 = 'activation-expired';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ErrorCode');
                  }
                }
                var ptr54 = dataView(memory0).getUint32(ret + 304, true);
                var len54 = dataView(memory0).getUint32(ret + 308, true);
                var result54 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr54, len54));
                var len57 = dataView(memory0).getUint32(ret + 316, true);
                var base57 = dataView(memory0).getUint32(ret + 312, true);
                if (base57 % 4 !== 0) throw new TypeError(`list pointer [${base57}] is not aligned to 4`);
                var result57 = [];
                for (let i = 0; i < len57; i++) {
                  const base = base57 + i * 16;
                  var ptr55 = dataView(memory0).getUint32(base + 0, true);
                  var len55 = dataView(memory0).getUint32(base + 4, true);
                  var result55 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr55, len55));
                  var ptr56 = dataView(memory0).getUint32(base + 8, true);
                  var len56 = dataView(memory0).getUint32(base + 12, true);
                  var result56 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr56, len56));
                  result57.push({
                    key: result55,
                    value: result56,
                  });
                }
                variant58 = {
                  code: enum53,
                  message: result54,
                  details: result57,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant80;
            switch (dataView(memory0).getUint8(ret + 320, true)) {
              case 0: {
                variant80 = undefined;
                break;
              }
              case 1: {
                var ptr59 = dataView(memory0).getUint32(ret + 328, true);
                var len59 = dataView(memory0).getUint32(ret + 332, true);
                var result59 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr59, len59));
                let variant60;
                switch (dataView(memory0).getUint8(ret + 336, true)) {
                  case 0: {
                    variant60 = undefined;
                    break;
                  }
                  case 1: {
                    variant60 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 344, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant61;
                switch (dataView(memory0).getUint8(ret + 352, true)) {
                  case 0: {
                    variant61 = undefined;
                    break;
                  }
                  case 1: {
                    variant61 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 360, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant62;
                switch (dataView(memory0).getUint8(ret + 368, true)) {
                  case 0: {
                    variant62 = undefined;
                    break;
                  }
                  case 1: {
                    variant62 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 376, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant63;
                switch (dataView(memory0).getUint8(ret + 384, true)) {
                  case 0: {
                    variant63 = undefined;
                    break;
                  }
                  case 1: {
                    variant63 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 392, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant64;
                switch (dataView(memory0).getUint8(ret + 400, true)) {
                  case 0: {
                    variant64 = undefined;
                    break;
                  }
                  case 1: {
                    variant64 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 408, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant70;
                switch (dataView(memory0).getUint8(ret + 416, true)) {
                  case 0: {
                    variant70 = undefined;
                    break;
                  }
                  case 1: {
                    let enum65;
                    switch (dataView(memory0).getUint8(ret + 420, true)) {
                      case 0: {
                        enum65 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum65 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum65 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum65 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum65 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum65 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum65 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum65 = 'expired';
                        break;
                      }
                      case 8: {
                        enum65 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum65 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum65 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum65 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum65 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum65 = 'internal';
                        break;
                      }
                      case 14: {
                        enum65 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum65 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum65 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum65 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum65 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum65 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum65 = 'offline';
                        break;
                      }
                      case 21: {
                        enum65 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum65 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum65 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum65 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum65 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum65 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr66 = dataView(memory0).getUint32(ret + 424, true);
                    var len66 = dataView(memory0).getUint32(ret + 428, true);
                    var result66 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr66, len66));
                    var len69 = dataView(memory0).getUint32(ret + 436, true);
                    var base69 = dataView(memory0).getUint32(ret + 432, true);
                    if (base69 % 4 !== 0) throw new TypeError(`list pointer [${base69}] is not aligned to 4`);
                    var result69 = [];
                    for (let i = 0; i < len69; i++) {
                      const base = base69 + i * 16;
                      var ptr67 = dataView(memory0).getUint32(base + 0, true);
                      var len67 = dataView(memory0).getUint32(base + 4, true);
                      var result67 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr67, len67));
                      var ptr68 = dataView(memory0).getUint32(base + 8, true);
                      var len68 = dataView(memory0).getUint32(base + 12, true);
                      var result68 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr68, len68));
                      result69.push({
                        key: result67,
                        value: result68,
                      });
                    }
                    variant70 = {
                      code: enum65,
                      message: result66,
                      details: result69,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant76;
                switch (dataView(memory0).getUint8(ret + 440, true)) {
                  case 0: {
                    variant76 = undefined;
                    break;
                  }
                  case 1: {
                    let enum71;
                    switch (dataView(memory0).getUint8(ret + 444, true)) {
                      case 0: {
                        enum71 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum71 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum71 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum71 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum71 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum71 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum71 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum71 = 'expired';
                        break;
                      }
                      case 8: {
                        enum71 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum71 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum71 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum71 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum71 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum71 = 'internal';
                        break;
                      }
                      case 14: {
                        enum71 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum71 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum71 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum71 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum71 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum71 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum71 = 'offline';
                        break;
                      }
                      case 21: {
                        enum71 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum71 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum71 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum71 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum71 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum71 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr72 = dataView(memory0).getUint32(ret + 448, true);
                    var len72 = dataView(memory0).getUint32(ret + 452, true);
                    var result72 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr72, len72));
                    var len75 = dataView(memory0).getUint32(ret + 460, true);
                    var base75 = dataView(memory0).getUint32(ret + 456, true);
                    if (base75 % 4 !== 0) throw new TypeError(`list pointer [${base75}] is not aligned to 4`);
                    var result75 = [];
                    for (let i = 0; i < len75; i++) {
                      const base = base75 + i * 16;
                      var ptr73 = dataView(memory0).getUint32(base + 0, true);
                      var len73 = dataView(memory0).getUint32(base + 4, true);
                      var result73 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr73, len73));
                      var ptr74 = dataView(memory0).getUint32(base + 8, true);
                      var len74 = dataView(memory0).getUint32(base + 12, true);
                      var result74 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr74, len74));
                      result75.push({
                        key: result73,
                        value: result74,
                      });
                    }
                    variant76 = {
                      code: enum71,
                      message: result72,
                      details: result75,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant78;
                switch (dataView(memory0).getUint8(ret + 464, true)) {
                  case 0: {
                    variant78 = undefined;
                    break;
                  }
                  case 1: {
                    var ptr77 = dataView(memory0).getUint32(ret + 468, true);
                    var len77 = dataView(memory0).getUint32(ret + 472, true);
                    var result77 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr77, len77));
                    variant78 = result77;
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                let variant79;
                switch (dataView(memory0).getUint8(ret + 480, true)) {
                  case 0: {
                    variant79 = undefined;
                    break;
                  }
                  case 1: {
                    variant79 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 488, true)));
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                variant80 = {
                  serverUrl: result59,
                  lastValidated: variant60,
                  nextCheck: variant61,
                  graceEnds: variant62,
                  devicesRegistered: variant63,
                  devicesMax: variant64,
                  lastError: variant70,
                  stateError: variant76,
                  termsChanged: variant78,
                  activationEnds: variant79,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            let variant89;
            switch (dataView(memory0).getUint8(ret + 496, true)) {
              case 0: {
                variant89 = undefined;
                break;
              }
              case 1: {
                var bool81 = dataView(memory0).getUint8(ret + 500, true);
                var ptr82 = dataView(memory0).getUint32(ret + 512, true);
                var len82 = dataView(memory0).getUint32(ret + 516, true);
                var result82 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr82, len82));
                let variant88;
                switch (dataView(memory0).getUint8(ret + 520, true)) {
                  case 0: {
                    variant88 = undefined;
                    break;
                  }
                  case 1: {
                    let enum83;
                    switch (dataView(memory0).getUint8(ret + 524, true)) {
                      case 0: {
                        enum83 = 'malformed';
                        break;
                      }
                      case 1: {
                        enum83 = 'too-large';
                        break;
                      }
                      case 2: {
                        enum83 = 'unsupported-version';
                        break;
                      }
                      case 3: {
                        enum83 = 'unknown-key-id';
                        break;
                      }
                      case 4: {
                        enum83 = 'wrong-algorithm';
                        break;
                      }
                      case 5: {
                        enum83 = 'bad-signature';
                        break;
                      }
                      case 6: {
                        enum83 = 'invalid-payload';
                        break;
                      }
                      case 7: {
                        enum83 = 'expired';
                        break;
                      }
                      case 8: {
                        enum83 = 'not-yet-valid';
                        break;
                      }
                      case 9: {
                        enum83 = 'no-license';
                        break;
                      }
                      case 10: {
                        enum83 = 'feature-not-licensed';
                        break;
                      }
                      case 11: {
                        enum83 = 'cap-exceeded';
                        break;
                      }
                      case 12: {
                        enum83 = 'invalid-config';
                        break;
                      }
                      case 13: {
                        enum83 = 'internal';
                        break;
                      }
                      case 14: {
                        enum83 = 'revoked';
                        break;
                      }
                      case 15: {
                        enum83 = 'license-not-found';
                        break;
                      }
                      case 16: {
                        enum83 = 'device-limit-exceeded';
                        break;
                      }
                      case 17: {
                        enum83 = 'clock-rollback';
                        break;
                      }
                      case 18: {
                        enum83 = 'clock-skew';
                        break;
                      }
                      case 19: {
                        enum83 = 'grace-expired';
                        break;
                      }
                      case 20: {
                        enum83 = 'offline';
                        break;
                      }
                      case 21: {
                        enum83 = 'not-validated';
                        break;
                      }
                      case 22: {
                        enum83 = 'state-tampered';
                        break;
                      }
                      case 23: {
                        enum83 = 'bad-response';
                        break;
                      }
                      case 24: {
                        enum83 = 'suspended';
                        break;
                      }
                      case 25: {
                        enum83 = 'state-not-saved';
                        break;
                      }
                      case 26: {
                        enum83 = 'activation-expired';
                        break;
                      }
                      default: {
                        throw new TypeError('invalid discriminant specified for ErrorCode');
                      }
                    }
                    var ptr84 = dataView(memory0).getUint32(ret + 528, true);
                    var len84 = dataView(memory0).getUint32(ret + 532, true);
                    var result84 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr84, len84));
                    var len87 = dataView(memory0).getUint32(ret + 540, true);
                    var base87 = dataView(memory0).getUint32(ret + 536, true);
                    if (base87 % 4 !== 0) throw new TypeError(`list pointer [${base87}] is not aligned to 4`);
                    var result87 = [];
                    for (let i = 0; i < len87; i++) {
                      const base = base87 + i * 16;
                      var ptr85 = dataView(memory0).getUint32(base + 0, true);
                      var len85 = dataView(memory0).getUint32(base + 4, true);
                      var result85 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr85, len85));
                      var ptr86 = dataView(memory0).getUint32(base + 8, true);
                      var len86 = dataView(memory0).getUint32(base + 12, true);
                      var result86 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr86, len86));
                      result87.push({
                        key: result85,
                        value: result86,
                      });
                    }
                    variant88 = {
                      code: enum83,
                      message: result84,
                      details: result87,
                    };
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                variant89 = {
                  enforced: bool81 == 0 ? false : (bool81 == 1 ? true : throwInvalidBool()),
                  roles: dataView(memory0).getInt32(ret + 504, true) >>> 0,
                  patterns: dataView(memory0).getInt32(ret + 508, true) >>> 0,
                  message: result82,
                  error: variant88,
                };
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var ptr90 = dataView(memory0).getUint32(ret + 544, true);
            var len90 = dataView(memory0).getUint32(ret + 548, true);
            var result90 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr90, len90));
            var ptr91 = dataView(memory0).getUint32(ret + 552, true);
            var len91 = dataView(memory0).getUint32(ret + 556, true);
            var result91 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr91, len91));
            
            task.resolve([{
              error: {
                code: enum0,
                message: result1,
                details: result4,
              },
              snapshot: {
                status: enum5,
                plan: result6,
                allFeatures: bool7 == 0 ? false : (bool7 == 1 ? true : throwInvalidBool()),
                features: result9,
                limits: result11,
                blocking: bool12 == 0 ? false : (bool12 == 1 ? true : throwInvalidBool()),
                validUntil: variant13,
                error: variant19,
                warning: variant21,
              },
              gate: {
                allow: bool22 == 0 ? false : (bool22 == 1 ? true : throwInvalidBool()),
                httpStatus: clampGuest(dataView(memory0).getUint16(ret + 122, true), 0, 65535),
                error: variant28,
                body: result29,
              },
              info: {
                valid: bool30 == 0 ? false : (bool30 == 1 ? true : throwInvalidBool()),
                status: enum31,
                plan: result32,
                licenseId: variant34,
                org: variant36,
                kid: variant38,
                keySource: result39,
                features: result42,
                limits: result45,
                issuedAt: variant46,
                expiresAt: variant47,
                expiresText: variant49,
                daysRemaining: variant50,
                demo: bool51 == 0 ? false : (bool51 == 1 ? true : throwInvalidBool()),
                deviceId: result52,
                error: variant58,
                online: variant80,
                access: variant89,
              },
              infoJson: result90,
              metrics: result91,
              retryMs: dataView(memory0).getInt32(ret + 560, true) >>> 0,
            }]);
            const retCopy = {
              error: {
                code: enum0,
                message: result1,
                details: result4,
              },
              snapshot: {
                status: enum5,
                plan: result6,
                allFeatures: bool7 == 0 ? false : (bool7 == 1 ? true : throwInvalidBool()),
                features: result9,
                limits: result11,
                blocking: bool12 == 0 ? false : (bool12 == 1 ? true : throwInvalidBool()),
                validUntil: variant13,
                error: variant19,
                warning: variant21,
              },
              gate: {
                allow: bool22 == 0 ? false : (bool22 == 1 ? true : throwInvalidBool()),
                httpStatus: clampGuest(dataView(memory0).getUint16(ret + 122, true), 0, 65535),
                error: variant28,
                body: result29,
              },
              info: {
                valid: bool30 == 0 ? false : (bool30 == 1 ? true : throwInvalidBool()),
                status: enum31,
                plan: result32,
                licenseId: variant34,
                org: variant36,
                kid: variant38,
                keySource: result39,
                features: result42,
                limits: result45,
                issuedAt: variant46,
                expiresAt: variant47,
                expiresText: variant49,
                daysRemaining: variant50,
                demo: bool51 == 0 ? false : (bool51 == 1 ? true : throwInvalidBool()),
                deviceId: result52,
                error: variant58,
                online: variant80,
                access: variant89,
              },
              infoJson: result90,
              metrics: result91,
              retryMs: dataView(memory0).getInt32(ret + 560, true) >>> 0,
            };
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn18(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let exports1Events;
    
    function events(arg0) {
      
      const hostProvided = false;
      getOrCreateAsyncState(0).throwIfTrapped();
      
      const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
        componentIdx: 0,
        isAsync: false,
        isManualAsync: false,
        preserveFutureResult: false,
        entryFnName: 'exports1Events',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'none',
        callingWasmExport: true,
      });
      task.setCalleeIsAsync(false);
      
      const started = task.enterSync();
      CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
      
      if (0!== null) {
        task.setReturnMemoryIdx(0);
        task.setReturnMemory((() => memory0)());
      }
      
      
      return _withGlobalCurrentTaskMeta({
        taskID: task.id(),
        componentIdx: task.componentIdx(),
        fn: () => {
          try {
            
            var variant1 = arg0;
            let variant1_0;
            let variant1_1;
            if (variant1 === null || variant1=== undefined) {
              variant1_0 = 0;
              variant1_1 = 0;
            } else {
              const e = variant1;
              var val0 = e;
              let enum0;
              switch (val0) {
                case 'active': {
                  enum0 = 0;
                  break;
                }
                case 'community': {
                  enum0 = 1;
                  break;
                }
                case 'expired': {
                  enum0 = 2;
                  break;
                }
                case 'not-yet-valid': {
                  enum0 = 3;
                  break;
                }
                case 'invalid': {
                  enum0 = 4;
                  break;
                }
                case 'demo': {
                  enum0 = 5;
                  break;
                }
                case 'grace': {
                  enum0 = 6;
                  break;
                }
                case 'restricted': {
                  enum0 = 7;
                  break;
                }
                default: {
                  if ((e) instanceof Error) {
                    console.error(e);
                  }
                  
                  throw new TypeError(`"${val0}" is not one of the cases of status`);
                }
              }
              variant1_0 = 1;
              variant1_1 = enum0;
            }
            
            
            let ret;
            
            try {
              ret =  _withGlobalCurrentTaskMeta({
                taskID: task.id(),
                componentIdx: task.componentIdx(),
                fn: () => exports1Events(variant1_0, variant1_1),
              });
            } catch (err) {
              
              
              getOrCreateAsyncState(0).markTrapped(err);
              task.setErrored(err);
              task.reject(err);
              task.exit();
              throw err;
              
            }
            
            var len4 = dataView(memory0).getUint32(ret + 4, true);
            var base4 = dataView(memory0).getUint32(ret + 0, true);
            if (base4 % 4 !== 0) throw new TypeError(`list pointer [${base4}] is not aligned to 4`);
            var result4 = [];
            for (let i = 0; i < len4; i++) {
              const base = base4 + i * 12;
              let enum2;
              switch (dataView(memory0).getUint8(base + 0, true)) {
                case 0: {
                  enum2 = 'info';
                  break;
                }
                case 1: {
                  enum2 = 'warn';
                  break;
                }
                case 2: {
                  enum2 = 'error';
                  break;
                }
                default: {
                  throw new TypeError('invalid discriminant specified for LogLevel');
                }
              }
              var ptr3 = dataView(memory0).getUint32(base + 4, true);
              var len3 = dataView(memory0).getUint32(base + 8, true);
              var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
              result4.push({
                level: enum2,
                message: result3,
              });
            }
            
            task.resolve([result4]);
            const retCopy = result4;
            
            let cstate = getOrCreateAsyncState(0);
            cstate.mayLeave = false;
            postReturn19(ret);
            cstate.mayLeave = true;
            task.exit();
            return retCopy;
            
            
          } catch (err) {
            if (!task.isResolvedState()) {
              task.setErrored(err);
              task.reject(err);
            }
            if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
            throw err;
          }
        },
      });
      
    }
    let trampoline0 = _trampoline0.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 0,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline0.manuallyAsync,
      paramLiftFns: [],
      resultLowerFns: [_lowerFlatU64],
      hasResultPointer: false,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: null,
      stringEncoding: 'utf8',
      getMemoryFn: () => null,
      getReallocFn: undefined,
      importFn: _trampoline0,
    },
    ))) : _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 0,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline0.manuallyAsync,
      paramLiftFns: [],
      resultLowerFns: [_lowerFlatU64],
      hasResultPointer: false,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: null,
      stringEncoding: 'utf8',
      getMemoryFn: () => null,
      getReallocFn: undefined,
      importFn: _trampoline0,
    },
    );
    let trampoline1 = _trampoline1.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 1,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline1.manuallyAsync,
      paramLiftFns: [],
      resultLowerFns: [_lowerFlatU64],
      hasResultPointer: false,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: null,
      stringEncoding: 'utf8',
      getMemoryFn: () => null,
      getReallocFn: undefined,
      importFn: _trampoline1,
    },
    ))) : _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 1,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline1.manuallyAsync,
      paramLiftFns: [],
      resultLowerFns: [_lowerFlatU64],
      hasResultPointer: false,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: null,
      stringEncoding: 'utf8',
      getMemoryFn: () => null,
      getReallocFn: undefined,
      importFn: _trampoline1,
    },
    );
    let trampoline2 = _trampoline2.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 2,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline2.manuallyAsync,
      paramLiftFns: [_liftFlatStringAny],
      resultLowerFns: [
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatStringAny, 8, 4, 2],
        ],
        variantSize32: 12,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 3,
        payloadMaybeNull: false,
      })
      ],
      hasResultPointer: true,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: 0,
      stringEncoding: 'utf8',
      getMemoryFn: () => memory0,
      getReallocFn: () => realloc0,
      importFn: _trampoline2,
    },
    ))) : _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 2,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline2.manuallyAsync,
      paramLiftFns: [_liftFlatStringAny],
      resultLowerFns: [
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatStringAny, 8, 4, 2],
        ],
        variantSize32: 12,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 3,
        payloadMaybeNull: false,
      })
      ],
      hasResultPointer: true,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: 0,
      stringEncoding: 'utf8',
      getMemoryFn: () => memory0,
      getReallocFn: () => realloc0,
      importFn: _trampoline2,
    },
    );
    let trampoline3 = _trampoline3.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 3,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline3.manuallyAsync,
      paramLiftFns: [_liftFlatStringAny,_liftFlatStringAny],
      resultLowerFns: [
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatStringAny, 8, 4, 2],
        ],
        variantSize32: 12,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 3,
        payloadMaybeNull: false,
      })
      ],
      hasResultPointer: true,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: 0,
      stringEncoding: 'utf8',
      getMemoryFn: () => memory0,
      getReallocFn: () => realloc0,
      importFn: _trampoline3,
    },
    ))) : _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 3,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline3.manuallyAsync,
      paramLiftFns: [_liftFlatStringAny,_liftFlatStringAny],
      resultLowerFns: [
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatStringAny, 8, 4, 2],
        ],
        variantSize32: 12,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 3,
        payloadMaybeNull: false,
      })
      ],
      hasResultPointer: true,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: 0,
      stringEncoding: 'utf8',
      getMemoryFn: () => memory0,
      getReallocFn: () => realloc0,
      importFn: _trampoline3,
    },
    );
    let trampoline4 = _trampoline4.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 4,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline4.manuallyAsync,
      paramLiftFns: [_liftFlatU32],
      resultLowerFns: [_lowerFlatList({
        elemLowerFn: _lowerFlatU8,
        elemSize32: 1,
        elemAlign32: 1,
      })],
      hasResultPointer: true,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: 0,
      stringEncoding: 'utf8',
      getMemoryFn: () => memory0,
      getReallocFn: () => realloc0,
      importFn: _trampoline4,
    },
    ))) : _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 4,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline4.manuallyAsync,
      paramLiftFns: [_liftFlatU32],
      resultLowerFns: [_lowerFlatList({
        elemLowerFn: _lowerFlatU8,
        elemSize32: 1,
        elemAlign32: 1,
      })],
      hasResultPointer: true,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: 0,
      stringEncoding: 'utf8',
      getMemoryFn: () => memory0,
      getReallocFn: () => realloc0,
      importFn: _trampoline4,
    },
    );
    let trampoline5 = _trampoline5.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 5,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline5.manuallyAsync,
      paramLiftFns: [],
      resultLowerFns: [_lowerFlatRecord({ fieldMetas: [['mac', _lowerFlatStringAny, 8, 4 ],['hostname', _lowerFlatStringAny, 8, 4 ],['arch', _lowerFlatStringAny, 8, 4 ],['os', _lowerFlatStringAny, 8, 4 ],], size32: 32, align32: 4 })],
      hasResultPointer: true,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: 0,
      stringEncoding: 'utf8',
      getMemoryFn: () => memory0,
      getReallocFn: () => realloc0,
      importFn: _trampoline5,
    },
    ))) : _lowerImportBackwardsCompat.bind(
    null,
    {
      trampolineIdx: 5,
      componentIdx: 0,
      isAsync: false,
      isManualAsync: _trampoline5.manuallyAsync,
      paramLiftFns: [],
      resultLowerFns: [_lowerFlatRecord({ fieldMetas: [['mac', _lowerFlatStringAny, 8, 4 ],['hostname', _lowerFlatStringAny, 8, 4 ],['arch', _lowerFlatStringAny, 8, 4 ],['os', _lowerFlatStringAny, 8, 4 ],], size32: 32, align32: 4 })],
      hasResultPointer: true,
      funcTypeIsAsync: false,
      getCallbackFn: () => null,
      getPostReturnFn: () => null,
      isCancellable: false,
      memoryIdx: 0,
      stringEncoding: 'utf8',
      getMemoryFn: () => memory0,
      getReallocFn: () => realloc0,
      importFn: _trampoline5,
    },
    );
    Promise.all([module0, module1, module2]).catch(() => {});
    ({ exports: exports0 } = yield instantiateCore(yield module1));
    ({ exports: exports1 } = yield instantiateCore(yield module0, {
      'licensewarden:core/clock': {
        'now-ms': Object.assign(() => toUint64(nowMs()), { _jcoMaySuspend: false }),
      },
      'licensewarden:core/device': {
        facts: Object.assign(exports0['3'], { _jcoMaySuspend: false }),
      },
      'licensewarden:core/random': {
        bytes: Object.assign(exports0['2'], { _jcoMaySuspend: false }),
      },
      'licensewarden:core/store': {
        load: Object.assign(exports0['0'], { _jcoMaySuspend: false }),
        'newest-change': Object.assign(trampoline1, { _jcoMaySuspend: false }),
        save: Object.assign(exports0['1'], { _jcoMaySuspend: false }),
      },
    }));
    memory0 = exports1.memory;
    realloc0 = exports1.cabi_realloc;
    
    try {
      realloc0Async = WebAssembly.promising(exports1.cabi_realloc);
    } catch(err) {
      realloc0Async = exports1.cabi_realloc;
    }
    
    ({ exports: exports2 } = yield instantiateCore(yield module2, {
      actual: {
        '0': Object.assign(trampoline2, { _jcoMaySuspend: false }),
        '1': Object.assign(trampoline3, { _jcoMaySuspend: false }),
        '2': Object.assign(trampoline4, { _jcoMaySuspend: false }),
        '3': Object.assign(trampoline5, { _jcoMaySuspend: false }),
      },
      shim: {
        $imports: exports0.$imports,
      },
    }));
    postReturn0 = exports1['cabi_post_check-feature'];
    
    try {
      postReturn0Async = WebAssembly.promising(exports1['cabi_post_check-feature']);
    } catch(err) {
      postReturn0Async = exports1['cabi_post_check-feature'];
    }
    
    postReturn1 = exports1.cabi_post_verify;
    
    try {
      postReturn1Async = WebAssembly.promising(exports1.cabi_post_verify);
    } catch(err) {
      postReturn1Async = exports1.cabi_post_verify;
    }
    
    postReturn2 = exports1.cabi_post_load;
    
    try {
      postReturn2Async = WebAssembly.promising(exports1.cabi_post_load);
    } catch(err) {
      postReturn2Async = exports1.cabi_post_load;
    }
    
    postReturn3 = exports1.cabi_post_info;
    
    try {
      postReturn3Async = WebAssembly.promising(exports1.cabi_post_info);
    } catch(err) {
      postReturn3Async = exports1.cabi_post_info;
    }
    
    postReturn4 = exports1['cabi_post_info-json'];
    
    try {
      postReturn4Async = WebAssembly.promising(exports1['cabi_post_info-json']);
    } catch(err) {
      postReturn4Async = exports1['cabi_post_info-json'];
    }
    
    postReturn5 = exports1['cabi_post_check-cap'];
    
    try {
      postReturn5Async = WebAssembly.promising(exports1['cabi_post_check-cap']);
    } catch(err) {
      postReturn5Async = exports1['cabi_post_check-cap'];
    }
    
    postReturn6 = exports1.cabi_post_gate;
    
    try {
      postReturn6Async = WebAssembly.promising(exports1.cabi_post_gate);
    } catch(err) {
      postReturn6Async = exports1.cabi_post_gate;
    }
    
    postReturn7 = exports1['cabi_post_gate-key'];
    
    try {
      postReturn7Async = WebAssembly.promising(exports1['cabi_post_gate-key']);
    } catch(err) {
      postReturn7Async = exports1['cabi_post_gate-key'];
    }
    
    postReturn8 = exports1['cabi_post_key-snapshot'];
    
    try {
      postReturn8Async = WebAssembly.promising(exports1['cabi_post_key-snapshot']);
    } catch(err) {
      postReturn8Async = exports1['cabi_post_key-snapshot'];
    }
    
    postReturn9 = exports1['cabi_post_agent-message'];
    
    try {
      postReturn9Async = WebAssembly.promising(exports1['cabi_post_agent-message']);
    } catch(err) {
      postReturn9Async = exports1['cabi_post_agent-message'];
    }
    
    postReturn10 = exports1['cabi_post_key-places'];
    
    try {
      postReturn10Async = WebAssembly.promising(exports1['cabi_post_key-places']);
    } catch(err) {
      postReturn10Async = exports1['cabi_post_key-places'];
    }
    
    postReturn11 = exports1['cabi_post_find-key'];
    
    try {
      postReturn11Async = WebAssembly.promising(exports1['cabi_post_find-key']);
    } catch(err) {
      postReturn11Async = exports1['cabi_post_find-key'];
    }
    
    postReturn12 = exports1['cabi_post_key-from-file'];
    
    try {
      postReturn12Async = WebAssembly.promising(exports1['cabi_post_key-from-file']);
    } catch(err) {
      postReturn12Async = exports1['cabi_post_key-from-file'];
    }
    
    postReturn13 = exports1['cabi_post_trusted-key-file'];
    
    try {
      postReturn13Async = WebAssembly.promising(exports1['cabi_post_trusted-key-file']);
    } catch(err) {
      postReturn13Async = exports1['cabi_post_trusted-key-file'];
    }
    
    postReturn14 = exports1['cabi_post_online-request'];
    
    try {
      postReturn14Async = WebAssembly.promising(exports1['cabi_post_online-request']);
    } catch(err) {
      postReturn14Async = exports1['cabi_post_online-request'];
    }
    
    postReturn15 = exports1['cabi_post_apply-response'];
    
    try {
      postReturn15Async = WebAssembly.promising(exports1['cabi_post_apply-response']);
    } catch(err) {
      postReturn15Async = exports1['cabi_post_apply-response'];
    }
    
    postReturn16 = exports1['cabi_post_offline-request'];
    
    try {
      postReturn16Async = WebAssembly.promising(exports1['cabi_post_offline-request']);
    } catch(err) {
      postReturn16Async = exports1['cabi_post_offline-request'];
    }
    
    postReturn17 = exports1.cabi_post_authorize;
    
    try {
      postReturn17Async = WebAssembly.promising(exports1.cabi_post_authorize);
    } catch(err) {
      postReturn17Async = exports1.cabi_post_authorize;
    }
    
    postReturn18 = exports1['cabi_post_failure-answers'];
    
    try {
      postReturn18Async = WebAssembly.promising(exports1['cabi_post_failure-answers']);
    } catch(err) {
      postReturn18Async = exports1['cabi_post_failure-answers'];
    }
    
    postReturn19 = exports1.cabi_post_events;
    
    try {
      postReturn19Async = WebAssembly.promising(exports1.cabi_post_events);
    } catch(err) {
      postReturn19Async = exports1.cabi_post_events;
    }
    
    exports1Configure = exports1.configure;
    exports1Verify = exports1.verify;
    exports1Load = exports1.load;
    exports1Snapshot = exports1.snapshot;
    exports1Info = exports1.info;
    exports1InfoJson = exports1['info-json'];
    exports1CheckFeature = exports1['check-feature'];
    exports1CheckCap = exports1['check-cap'];
    exports1Gate = exports1.gate;
    exports1GateKey = exports1['gate-key'];
    exports1KeySnapshot = exports1['key-snapshot'];
    exports1GatewayStats = exports1['gateway-stats'];
    exports1GateRequest = exports1['gate-request'];
    exports1KeyFromHeaders = exports1['key-from-headers'];
    exports1KeyPlaces = exports1['key-places'];
    exports1FindKey = exports1['find-key'];
    exports1KeyFromFile = exports1['key-from-file'];
    exports1TrustedKeyFile = exports1['trusted-key-file'];
    exports1Metrics = exports1.metrics;
    exports1CheckSignature = exports1['check-signature'];
    exports1OnlineRequest = exports1['online-request'];
    exports1ApplyResponse = exports1['apply-response'];
    exports1OfflineRequest = exports1['offline-request'];
    exports1InstallActivation = exports1['install-activation'];
    exports1AgentMessage = exports1['agent-message'];
    exports1SetAccessPolicy = exports1['set-access-policy'];
    exports1Authorize = exports1.authorize;
    exports1NextCheckDelay = exports1['next-check-delay'];
    exports1FailureAnswers = exports1['failure-answers'];
    exports1Events = exports1.events;
    
    return { agentMessage, applyResponse, authorize, checkCap, checkFeature, checkSignature, configure, events, failureAnswers, findKey, gate, gateKey, gateRequest, gatewayStats, info, infoJson, installActivation, keyFromFile, keyFromHeaders, keyPlaces, keySnapshot, load: load$1, metrics, nextCheckDelay, offlineRequest, onlineRequest, setAccessPolicy, snapshot, trustedKeyFile, verify,  };
  })();
  let promise, resolve, reject;
  function normalizeInstantiationError(e) {
    // Native JSPI rejects a suspending import called from a
    // core start function before entering its JS wrapper.
    // At component instantiation time that always means the
    // implicit synchronous task attempted to block.
    if (typeof WebAssembly.SuspendError === 'function' && e instanceof WebAssembly.SuspendError) {
      return new WebAssembly.RuntimeError('cannot block a synchronous task before returning');
    }
    return e;
  }
  function runNext(value) {
    try {
      let done;
      do {
        ({ value, done } = gen.next(value));
      } while (!(value instanceof Promise) && !done);
      if (done) {
        if (resolve) return resolve(value);
        else return value;
      }
      if (!promise) promise = new Promise((_resolve, _reject) => (resolve = _resolve, reject= _reject));
      value.then(nextVal => done ? resolve() : runNext(nextVal), e => reject(normalizeInstantiationError(e)));
    }
    catch (e) {
      e = normalizeInstantiationError(e);
      if (reject) reject(e);
      else throw e;
    }
  }
  const maybeSyncReturn = runNext(null);
  return promise || maybeSyncReturn;
};

export const _util = {
  
}

