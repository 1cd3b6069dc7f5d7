// Package session is a run of the playground as data: the cluster it started from, every
// command in the order it ran, and where the learner is looking. Because the engine is
// deterministic, that is all a run is: replaying the commands on a fresh cluster built from
// the same setup gives the same simulation byte for byte. Time travel (Timeline), shared links,
// exports and the what-if comparison are all built on that one fact, and the browser and the
// terminal share this package so a session moves between them.
package session
