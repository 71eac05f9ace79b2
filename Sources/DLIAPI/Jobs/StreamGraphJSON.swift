import JSONCodec
import JobDomain

/// The text of gen-graph's `stream_graph` (dli-api.md §3.14): `{"jid","name","nodes":[…],"operator_list":[…]}`.
///
/// A node is `{"id","name","parallelism","inputs":[upstream ids]}`, `name` being the chain of operators, one
/// per line. With `full` (`graph_type` `job_graph`) a node also has `operator` and `operator_strategy`, and
/// its inputs are objects `{"id","ship_strategy","exchange"}`. `operator_list` is `[{"id","parallelism"}]`.
enum StreamGraphJSON {
    static func text(_ plan: EnginePlan, full: Bool) -> String {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("jid"); w.string(plan.engineJobID)
        w.key("name"); w.string(plan.name)
        w.key("nodes")
        w.beginArray()
        for node in plan.nodes {
            w.beginObject()
            w.key("id"); w.string(node.id)
            w.key("name"); w.string(node.description)
            w.key("parallelism"); w.int(Int64(node.parallelism))
            if full {
                w.key("operator"); w.string(node.operatorName)
                w.key("operator_strategy"); w.string(node.operatorStrategy)
            }
            w.key("inputs")
            w.beginArray()
            for input in node.inputs {
                if full {
                    w.beginObject()
                    w.key("id"); w.string(input.id)
                    w.key("ship_strategy"); w.string(input.shipStrategy)
                    w.key("exchange"); w.string(input.exchange)
                    w.endObject()
                } else {
                    w.string(input.id)
                }
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("operator_list")
        w.beginArray()
        for node in plan.nodes {
            w.beginObject()
            w.key("id"); w.string(node.id)
            w.key("parallelism"); w.int(Int64(node.parallelism))
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
