// idx serve: the search page and JSON API for a site's readers (docs/serve.md).

#include <pthread.h>

#include <charconv>
#include <csignal>
#include <future>
#include <iostream>
#include <thread>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/exit_status.hpp"
#include "cli/searcher_pool.hpp"
#include "cli/web_server.hpp"
#include "common/error.hpp"
#include "query/search.hpp"

namespace idx::cli {
namespace {

// How long SIGTERM waits for the requests under way before it ends the
// process anyway (a client that sends a byte every few seconds would
// otherwise hold its thread): within the 5 s a service manager allows.
constexpr auto kDrainLimit = std::chrono::milliseconds(4500);

struct Address {
    std::string host;
    int port = 0;
};

// HOST:PORT, [IPv6]:PORT or PORT (on 127.0.0.1). Port 0: any free port (said at start).
Address parse_listen(const std::string& text) {
    const std::size_t colon = text.rfind(':');
    Address address{"127.0.0.1", 0};
    std::string port = text;
    if (colon != std::string::npos) {
        address.host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']')
            address.host = address.host.substr(1, address.host.size() - 2);
    }
    int value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (address.host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() || value < 0 ||
        value > 65535)
        throw Error("--listen takes HOST:PORT (127.0.0.1:8080, [::1]:8080) or a port, not '" + text + "'");
    address.port = value;
    return address;
}

ServerOptions server_options(const cxxopts::ParseResult& args, const Location& location) {
    const ServeSettings& settings = location.config.serve;
    ServerOptions options;
    options.db = location.databases;
    const Address address = parse_listen(args.count("listen") ? args["listen"].as<std::string>() : settings.listen);
    options.host = address.host;
    options.port = address.port;
    options.threads = args.count("threads") ? args["threads"].as<unsigned>() : settings.threads;
    if (options.threads == 0 || options.threads > 1024) throw Error("--threads takes a number from 1 to 1024");
    options.max_waiting = args.count("max-waiting") ? args["max-waiting"].as<unsigned>() : settings.max_waiting;
    options.base_path =
        normalise_base_path(args.count("base-path") ? args["base-path"].as<std::string>() : settings.base_path);
    options.cors_origin = args.count("cors") ? args["cors"].as<std::string>() : settings.cors;
    options.log_queries = args.count("log-queries") > 0 || settings.log_queries;
    return options;
}

// SIGTERM and SIGINT are taken by one thread (blocked in the others, which
// inherit the mask), which stops the server; the process then ends within
// kDrainLimit even if a connection will not finish.
// The thread owns its future (not the promise, which main() destroys on
// return), so it may outlive run() safely.
std::thread stop_on_signal(WebServer& server, std::future<void> stopped) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return std::thread([&server, stopped = std::move(stopped), signals] {
        int received = 0;
        sigwait(&signals, &received);
        std::cerr << "idx serve: stopping (finishing the requests under way)\n";
        server.stop();
        if (stopped.wait_for(kDrainLimit) == std::future_status::timeout) {
            std::cerr << "idx serve: stopped with connections still open\n";
            std::_Exit(0);
        }
    });
}

}  // namespace

int run_serve(int argc, char** argv) {
    cxxopts::Options options("idx serve",
                             "Serve the search page at / and the JSON API at /api/v1/ (docs/serve.md) for a\n"
                             "site's readers. Read-only; a commit by idx add is seen by the next request.\n"
                             "Put it behind the site's web server (contrib/) to reach it from outside.\n");
    // clang-format off: one option a line, as --help lists them
    options.add_options()("listen", "HOST:PORT to listen on (default 127.0.0.1:8080; serve.listen in idx.yaml)",
                          cxxopts::value<std::string>(), "ADDR")("threads", "connections served at once (default 32)",
                                                                 cxxopts::value<unsigned>(), "N")(
        "max-waiting", "connections that may wait for a thread; past them: 429 (default 96)",
        cxxopts::value<unsigned>(), "N")("base-path", "serve under this path, e.g. /search (default: the root)",
                                         cxxopts::value<std::string>(), "PATH")(
        "cors", "let pages of ORIGIN (https://example.org) call the API", cxxopts::value<std::string>(), "ORIGIN")(
        "log-queries", "show query strings in the request log (default: paths only)")("h,help", "show this help");
    // clang-format on
    add_location_options(options);
    add_partial_option(options);
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << help_text(options) << "\n" << exit_status_help("serve");
        return 0;
    }
    const Location location = resolve_location(args);
    const ServerOptions server_settings = server_options(args, location);
    // An index that cannot be read is said now, not at the first reader's request.
    const query::IndexSnapshot index = query::Searcher(location.databases).snapshot();
    WebServer server(server_settings);
    std::promise<void> stopped;
    std::thread watcher = stop_on_signal(server, stopped.get_future());
    watcher.detach();
    const int port = server.bind();
    std::cerr << "idx serve: http://" << server_settings.host << ":" << port << server_settings.base_path << "/ ("
              << index.documents << " posts; SIGTERM or Ctrl-C stops)\n";
    for (const DatabaseSpec& member : index.missing)
        std::cerr << "idx serve: " << member.name()
                  << " does not answer; answering without it (--allow-partial) and trying it again each request\n";
    server.run();
    stopped.set_value();
    return 0;
}

}  // namespace idx::cli
