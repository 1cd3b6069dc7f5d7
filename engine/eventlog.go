package engine

// eventLog keeps the events of a run in fixed-size chunks. Full chunks never change, so a
// clone shares them and copies only the outer slice and the last, partial chunk: cloning is
// how time travel reaches a past moment, and with one flat slice the clone's first event
// copied every event of the run (9 MB a seek on a long run).
type eventLog struct {
	chunks [][]Event
	n      int64
	kinds  [256]int64 // events of each kind, for filters that count them without reading all
}

// eventChunk is the events per chunk: a clone's first event copies at most this many.
const eventChunk = 1024

func (l *eventLog) add(e Event) {
	k := len(l.chunks) - 1
	switch {
	case k < 0 || len(l.chunks[k]) == eventChunk:
		l.chunks = append(l.chunks, make([]Event, 0, eventChunk))
		k++
	case len(l.chunks[k]) == cap(l.chunks[k]): // a clone's shared last chunk: copy it first
		c := make([]Event, len(l.chunks[k]), eventChunk)
		copy(c, l.chunks[k])
		l.chunks[k] = c
	}
	l.chunks[k] = append(l.chunks[k], e)
	l.n++
	l.kinds[e.Kind]++
}

// clone shares the full chunks and caps the last, so that neither log's next event can
// write where the other reads.
func (l *eventLog) clone() eventLog {
	c := *l
	c.chunks = make([][]Event, len(l.chunks))
	copy(c.chunks, l.chunks)
	if k := len(c.chunks) - 1; k >= 0 {
		c.chunks[k] = c.chunks[k][:len(c.chunks[k]):len(c.chunks[k])]
	}
	return c
}

// from returns the events from index i on (oldest first): a view of the last chunk when they
// all lie in it, a copy otherwise. It must not be modified.
func (l *eventLog) from(i int64) []Event {
	i = max(i, 0)
	if i >= l.n {
		return nil
	}
	k := int(i / eventChunk)
	if k == len(l.chunks)-1 {
		c := l.chunks[k]
		return c[i%eventChunk : len(c) : len(c)]
	}
	out := make([]Event, 0, l.n-i)
	out = append(out, l.chunks[k][i%eventChunk:]...)
	for _, c := range l.chunks[k+1:] {
		out = append(out, c...)
	}
	return out
}
