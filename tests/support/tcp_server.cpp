#include "tests/support/tcp_server.hpp"

namespace idx::test {
namespace {

std::vector<std::string> tcpsrv_argv(const std::string& program, const std::string& db_folder,
                                     const std::vector<std::string>& options) {
    std::vector<std::string> argv = {program, "--port", "{port}", "--interface", "127.0.0.1", "--quiet"};
    argv.insert(argv.end(), options.begin(), options.end());
    argv.push_back(db_folder);
    return argv;
}

}  // namespace

TcpServer::TcpServer(const std::string& program, const std::string& db_folder, const std::vector<std::string>& options)
    : m_server(tcpsrv_argv(program, db_folder, options)) {}

TcpServer::TcpServer(const std::string& program, const std::string& db_folder, int port)
    : m_server(tcpsrv_argv(program, db_folder, {}), port) {}

}  // namespace idx::test
