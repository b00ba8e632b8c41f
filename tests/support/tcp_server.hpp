#pragma once
// A real xapian-tcpsrv (Debian's xapian-tools) serving one database folder
// on 127.0.0.1, for the tests of remote databases (`--db tcp:HOST:PORT`):
// on a free port, ready when constructed, stopped by its PID when destroyed
// (tests/support/loopback_server.hpp).

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/support/loopback_server.hpp"

namespace idx::test {

// The xapian-tcpsrv program on $PATH; nothing when it is not installed
// (the tests that need it then skip, saying so).
inline std::optional<std::string> xapian_tcpsrv_program() {
    return program_on_path("xapian-tcpsrv");
}

class TcpServer {
public:
    // Starts `program` serving `db_folder` and waits until it accepts a
    // connection. Throws std::runtime_error, with the server's output, when
    // it ends instead.
    // `options` go to xapian-tcpsrv before the folder (`--idle-timeout MS`).
    TcpServer(const std::string& program, const std::string& db_folder, const std::vector<std::string>& options = {});
    // The same on `port`: a server started again where one was stopped.
    TcpServer(const std::string& program, const std::string& db_folder, int port);

    int port() const { return m_server.port(); }
    pid_t pid() const { return m_server.pid(); }
    // How idx names it: tcp:127.0.0.1:PORT.
    std::string spec() const { return "tcp:127.0.0.1:" + std::to_string(port()); }
    // Stops the server (SIGTERM to its PID) and waits for it.
    void stop() { m_server.stop(); }

private:
    LoopbackServer m_server;
};

}  // namespace idx::test
