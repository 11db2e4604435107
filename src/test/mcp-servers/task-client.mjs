// A real task-capable MCP client for the end-to-end tests: the official TypeScript SDK's Client
// (@modelcontextprotocol/sdk, pinned in package.json), connected over Streamable HTTP to the URL given as
// the first argument. The Java test drives it with one JSON command per line on stdin; each command's
// answer, and every event of a task-augmented call, comes back as one JSON line on stdout, tagged with
// the command's "ref". Nothing in here decides anything: it only lets a test use the SDK's own calls
// (callToolStream polls tasks/get and fetches tasks/result itself, as a real client does).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema, CreateTaskResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { createInterface } from "node:readline";

const emit = (message) => process.stdout.write(JSON.stringify(message) + "\n");
const failure = (error) => ({ code: error?.code ?? null, message: String(error?.message ?? error) });

const client = new Client({ name: "arbiter-task-test-client", version: "1.0.0" }, { capabilities: {} });
client.fallbackNotificationHandler = async (n) => emit({ notification: n.method, params: n.params ?? null });
const transport = new StreamableHTTPClientTransport(new URL(process.argv[2]));

const commands = {
    async connect() {
        await client.connect(transport);
        return { capabilities: client.getServerCapabilities(), protocolVersion: transport.protocolVersion ?? null };
    },
    async listTools() {
        return (await client.listTools()).tools;
    },
    // the SDK's task flow: tools/call with params.task, then tasks/get until terminal, then tasks/result
    async callToolStream(c, ref) {
        const options = c.ttl === undefined ? undefined : { task: { ttl: c.ttl } };
        for await (const m of client.experimental.tasks.callToolStream({ name: c.name, arguments: c.arguments ?? {} },
            CallToolResultSchema, options)) {
            emit({ ref, event: m.type, task: m.task ?? null, result: m.result ?? null,
                error: m.error ? failure(m.error) : null });
        }
        return "stream ended";
    },
    // a task-augmented tools/call sent by hand: the CreateTaskResult only, no polling
    async createTask(c) {
        return await client.request({ method: "tools/call", params: { name: c.name, arguments: c.arguments ?? {},
            task: c.task ?? {} } }, CreateTaskResultSchema);
    },
    async callTool(c) {
        return await client.callTool({ name: c.name, arguments: c.arguments ?? {} });
    },
    async getTask(c) {
        return await client.experimental.tasks.getTask(c.taskId);
    },
    async getTaskResult(c) {
        return await client.experimental.tasks.getTaskResult(c.taskId, CallToolResultSchema);
    },
    async cancelTask(c) {
        return await client.experimental.tasks.cancelTask(c.taskId);
    },
    async listTasks() {
        return await client.experimental.tasks.listTasks();
    },
    async close() {
        await client.close();
        setTimeout(() => process.exit(0), 10);
        return "closed";
    },
};

let running = 0;
let inputEnded = false;
const exitWhenIdle = () => {
    if (inputEnded && running === 0) {
        client.close().finally(() => process.exit(0));
    }
};

createInterface({ input: process.stdin }).on("line", (line) => {
    let c;
    try {
        c = JSON.parse(line);
    } catch (e) {
        emit({ ref: null, ok: false, error: failure(e) });
        return;
    }
    const run = commands[c.op];
    if (!run) {
        emit({ ref: c.ref, ok: false, error: { code: null, message: "unknown op " + c.op } });
        return;
    }
    running++;
    run(c, c.ref).then((value) => emit({ ref: c.ref, ok: true, value: value ?? null }),
        (error) => emit({ ref: c.ref, ok: false, error: failure(error) }))
        .finally(() => { running--; exitWhenIdle(); });
}).on("close", () => { inputEnded = true; exitWhenIdle(); }); // the test hung up: finish what runs, then leave
