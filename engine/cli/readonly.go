package cli

// ReadOnly says whether a command line only looks at the cluster: it prints, and changes
// nothing, not even the PRNG. Time travel needs to know: looking at the past (`state`,
// `kafka-topics --describe`) must not fork the run the way acting on it does. Anything not
// known to be read-only is treated as a change, so a mistake here costs a needless fork, never
// a lost one.
func ReadOnly(line string) bool {
	words, err := Tokenize(line)
	if err != nil || len(words) == 0 {
		return false
	}
	has := func(flag string) bool {
		for _, w := range words[1:] {
			if w == "--"+flag {
				return true
			}
		}
		return false
	}
	switch toolName(words[0]) {
	case "state", "events", "check", "help", "segments", "kafka-get-offsets", "kafka-metadata-quorum":
		return true
	case "seed":
		return len(words) == 1
	case "kafka-topics":
		return (has("list") || has("describe")) && !has("create") && !has("alter") && !has("delete")
	case "kafka-configs":
		return has("describe") && !has("alter")
	case "kafka-consumer-groups":
		if has("reset-offsets") {
			return !has("execute")
		}
		return (has("list") || has("describe")) && !has("delete") && !has("delete-offsets")
	}
	return false
}

// TimeOnly says whether a command line only lets simulated time pass: `tick` and `settle`
// (which ticks until the cluster is quiet). Running it is the same as running `tick N` for the
// ticks it took, which is what lets the timeline stop in the middle of one.
func TimeOnly(line string) bool {
	words, err := Tokenize(line)
	if err != nil || len(words) == 0 {
		return false
	}
	switch toolName(words[0]) {
	case "tick", "settle":
		return true
	}
	return false
}
