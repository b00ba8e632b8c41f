#pragma once
// `idx serve`: the search page and the JSON API (docs/serve.md) over
// cpp-httplib. Read-only: it opens the index for reading only, serves the
// embedded page files and nothing of the file system.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "common/database_set.hpp"

namespace idx::cli {

struct ServerOptions {
    DatabaseSet db;  // the index: one folder, or databases read as one
    std::string host = "127.0.0.1";
    int port = 8080;               // 0: any free port (tests)
    std::size_t threads = 32;      // connections served at once (each keeps its thread while kept alive)
    std::size_t max_waiting = 96;  // connections waiting for a thread; past that: 429
    std::string base_path;         // "" or "/search": where the page and API live
    std::string cors_origin;       // Access-Control-Allow-Origin for the API; empty: none
    bool log_queries = false;      // the request log shows query strings
    // One line per request; stderr when unset.
    std::function<void(const std::string&)> log;
};

class WebServer {
public:
    explicit WebServer(ServerOptions options);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    // Binds the address; throws idx::Error when it cannot. Returns the port.
    int bind();
    // Serves until stop(); requests under way are finished first.
    void run();
    // From any thread (a signal watcher): stop accepting, finish what runs.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// A base path as given (`search`, `/search/`) in the form the server uses
// (`/search`; `` for the root). Throws idx::Error for characters outside
// letters, digits and `-._~/`.
std::string normalise_base_path(const std::string& path);

}  // namespace idx::cli
