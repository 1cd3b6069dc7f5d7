// Package engine is the Kafka playground's simulation core: a pure, deterministic state
// machine of brokers, a KRaft controller quorum, topics, replicated partition logs and clients.
//
// Why it looks the way it does:
//   - The only inputs are commands (the exported methods of *Sim that change state) and Tick.
//     The outputs are View, an immutable picture of the whole cluster, and Events, an ordered log.
//     The browser, the terminal, lessons and tests all drive the same Sim, so what a learner
//     sees is exactly what the tests check.
//   - There are no goroutines, channels, clocks, OS calls or global randomness. Time is a tick
//     counter (one tick is Config.TickMs simulated milliseconds, 100 by default) and every random
//     choice comes from one seeded PCG owned by the Sim. The same seed and the same commands give
//     the same events, byte for byte, which is what makes time travel and replay possible.
//   - The simulated network is data: a slice of in-flight messages that are delivered when
//     their tick comes. Faults (kill, isolate, slow) are commands that change how delivery works.
//   - Semantics follow Kafka 4.x (see ../shared/reference/kafka-semantics.md). Where a shortcut
//     is taken, the doc comment of the function that takes it says so.
package engine
