package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

func init() {
	register(&command{name: "segments", summary: "list a partition's log segments on one broker",
		usage: `segments TOPIC PARTITION [--broker ID]   (default: the leader)
One line per segment, named as Kafka names the files (base offset, 20 digits), with its records,
size and largest timestamp; the last is the active segment. Retention deletes whole segments,
oldest first; the log cleaner never touches the active one.`, run: runSegments})
}

func runSegments(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("segments", args, map[string]flagSpec{"broker": {value: true}})
	if err != nil {
		return err
	}
	if len(f.args) != 2 {
		return errors.New("usage: segments TOPIC PARTITION [--broker ID]")
	}
	n, err := parseInt("partition", f.args[1], 0)
	if err != nil {
		return err
	}
	v := sh.sim.View()
	p, ok := v.Partition(f.args[0], int32(n))
	if !ok {
		return fmt.Errorf("Partition %s-%d does not exist", f.args[0], n)
	}
	broker := p.Leader
	if f.has("broker") {
		if broker, err = brokerID(f.get("broker")); err != nil {
			return err
		}
	}
	for _, r := range p.ReplicaStates {
		if r.Broker != broker {
			continue
		}
		fmt.Fprintf(out, "broker %d, %s-%d: log start offset %d, log end offset %d, high watermark %d\n",
			broker, p.Topic, p.Partition, r.LogStartOffset, r.LogEndOffset, r.HighWatermark)
		for i, sg := range r.Segments {
			active := ""
			if i == len(r.Segments)-1 {
				active = "  (active)"
			}
			ts := "-"
			if sg.Records > 0 {
				ts = engine.FormatSimTime(sg.MaxTimestamp - sh.cfg.StartTimeMs)
			}
			fmt.Fprintf(out, "  %020d.log  %d record(s)  %d bytes  newest record at %s%s\n", sg.BaseOffset, sg.Records, sg.Bytes, ts, active)
		}
		return nil
	}
	if broker < 0 {
		return fmt.Errorf("%s-%d has no leader; name a broker with --broker", p.Topic, p.Partition)
	}
	return fmt.Errorf("broker %d holds no replica of %s-%d (replicas: %s)", broker, p.Topic, p.Partition, joinInts(p.Replicas))
}
