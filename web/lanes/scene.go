package lanes

// Highlight names what an event line the learner clicked is about. Broker and Partition are -1
// when the event names none; Topic is "" when it names no topic. A partition is highlighted
// when Topic matches (and Partition, unless it is -1); a lane when its broker is Broker (within
// the highlighted partitions when Topic is set); cells when their partition is highlighted and
// their offset is in Offsets.
type Highlight struct {
	Broker    int32
	Topic     string
	Partition int32
	Offsets   []int64
}

// Options are what the scene depends on besides the View.
type Options struct {
	// WindowCells is how many records each lane shows, newest kept; 0 means 24. It is capped
	// at 1,000 so that a scene stays bounded whatever the caller asks for.
	WindowCells int
	// Highlight marks the partition, lane and cells an event names.
	Highlight Highlight
	// MsPerTick is how many wall-clock milliseconds one simulated tick takes at the current
	// speed. 0 means paused: nothing moves, so no flights are drawn.
	MsPerTick float64
	// ReducedMotion draws no flights at all (prefers-reduced-motion).
	ReducedMotion bool
	// Topics are the topics to draw, in order; nil means every topic whose name does not
	// start with "__" (Kafka's internal topics), by name.
	Topics []string
}

// Node is one absolutely positioned element of the scene.
type Node struct {
	// Key is the node's identity across frames: Diff matches nodes by Key, so a record keeps
	// its element (and its CSS transitions) while the window slides.
	Key string
	// Parent is the Key of the enclosing node, "" for the layer root. A parent comes before
	// its children in Scene.Nodes. A node with children has no Text (textContent would wipe
	// them).
	Parent string
	// Class holds CSS classes, space separated.
	Class string
	// X, Y, W and H are in px, X and Y relative to the parent.
	X, Y, W, H float64
	// Text is the node's textContent; it is never parsed as HTML.
	Text string
	// Label is the accessible name and tooltip (aria-label and title); set as an attribute,
	// so it needs no escaping.
	Label string
	// Data are data-* attributes, sorted by name.
	Data [][2]string
	// Focusable nodes take part in keyboard navigation (record cells).
	Focusable bool
	// Role is the ARIA role, "" for none.
	Role string
	// ToX, ToY and DurMs are set on flights only: the node moves from (X, Y) to (ToX, ToY)
	// over DurMs milliseconds.
	ToX, ToY, DurMs float64
}

// Scene is everything the lanes layer draws. W and H are its total size in px (the container
// scrolls); Nodes are in creation order, parents first.
type Scene struct {
	W, H  float64
	Nodes []Node
}

// equal says whether two nodes draw the same. Node holds a slice, so == does not compile.
func equal(a, b *Node) bool {
	if a.Key != b.Key || a.Parent != b.Parent || a.Class != b.Class || a.X != b.X || a.Y != b.Y ||
		a.W != b.W || a.H != b.H || a.Text != b.Text || a.Label != b.Label || a.Focusable != b.Focusable ||
		a.Role != b.Role || a.ToX != b.ToX || a.ToY != b.ToY || a.DurMs != b.DurMs || len(a.Data) != len(b.Data) {
		return false
	}
	for i := range a.Data {
		if a.Data[i] != b.Data[i] {
			return false
		}
	}
	return true
}
