// structuredClone exists in every runtime shared/ runs in (Node ≥ 17, browsers, Electron
// preload), but lives in neither the ES lib nor a runtime-neutral one.
declare function structuredClone<T>(value: T): T;
