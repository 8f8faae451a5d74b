// The read worker's entry: teaches this thread TypeScript (tsx), then loads the real entry.
// Node 20 does not apply loaders given to a Worker in `execArgv`, so it is done here.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
