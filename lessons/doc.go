// Package lessons holds the guided lessons and classroom demos, their loader and the runner
// that takes a learner through one.
//
// A lesson is data, never code: a Markdown file in content/ whose YAML front matter lists the
// setup and the steps in the playground's command language, and whose goals are predicates
// over the engine's View (see Goal). Parse validates a file and reports every mistake as
// file:line: reason. A Run steps through a lesson against a Session; it prints nothing and
// keeps no clock, so the terminal (cmd/kafkasim lesson) and the browser present it their own
// way. The tests play every lesson as a learner would and prove that each task's goal is
// false when the task begins, true after its solution, and that the engine's invariants hold
// throughout. README.md describes the file format for authors.
package lessons
