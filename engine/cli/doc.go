// Package cli is the playground's one command language. It accepts the real Kafka tools' syntax
// verbatim (kafka-topics.sh, kafka-console-producer.sh, kafka-console-consumer.sh,
// kafka-get-offsets.sh, kafka-leader-election.sh, kafka-configs.sh, kafka-metadata-quorum.sh;
// the .sh is optional and --bootstrap-server is accepted and ignored) and prints their output
// formats, plus simulation verbs (broker, controller, tick, settle, seed, state, events, check,
// help). The terminal, the browser console, lesson files and scenario tests all go through
// Shell.Exec, so there is exactly one grammar to learn and to test.
//
// A command either runs or fails with an error that names what was wrong; a failed command
// leaves the simulation exactly as it was. Kafka-level failures that the real tool reports and
// survives (a record refused with NOT_ENOUGH_REPLICAS) are output, not errors.
package cli
