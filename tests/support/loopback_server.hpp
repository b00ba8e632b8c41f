#pragma once
// A real server program (Debian's xapian-tcpsrv, xapian-replicate-server)
// for the tests of remote databases and replicas: started on a free port of
// 127.0.0.1, ready when constructed, stopped by its PID when destroyed.

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/child_process.hpp"

namespace idx::test {

// The program `name` on $PATH; nothing when it is not installed (the tests
// that need it then skip, saying so).
std::optional<std::string> program_on_path(std::string_view name);

// A port on 127.0.0.1 nothing listens on as this returns.
int free_port();

class LoopbackServer {
public:
    // Runs `argv`, each "{port}" in it replaced by a free port, and waits
    // until that port accepts a connection. Throws std::runtime_error, with
    // the server's output, when it ends instead (after a few ports: another
    // process may take a free port first).
    explicit LoopbackServer(std::vector<std::string> argv);
    // The same on `port`, one attempt: a server started again where one was
    // stopped (the servers set SO_REUSEADDR).
    LoopbackServer(std::vector<std::string> argv, int port);
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;
    ~LoopbackServer() { stop(); }

    int port() const { return m_port; }
    pid_t pid() const { return m_child->pid(); }
    // Stops the server (SIGTERM to its PID) and waits for it.
    void stop();

private:
    // Starts `argv` on m_port; true once the port accepts, false (its output
    // in `output`) when the server ended first.
    bool start(const std::vector<std::string>& argv, std::string& output);

    std::unique_ptr<Child> m_child;
    int m_port = 0;
};

}  // namespace idx::test
