#include "tests/support/tcp_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace idx::test {
namespace {

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

bool accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    const sockaddr_in address = loopback(port);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

std::optional<std::string> xapian_tcpsrv_program() {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::filesystem::path candidate =
            std::filesystem::path(dirs.substr(start, end - start)) / "xapian-tcpsrv";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        start = end + 1;
    }
    return std::nullopt;
}

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("no socket for a free port");
    sockaddr_in address = loopback(0);
    socklen_t size = sizeof address;
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        ::close(fd);
        throw std::runtime_error("no free port on 127.0.0.1");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

TcpServer::TcpServer(const std::string& program, const std::string& db_folder,
                     const std::vector<std::string>& options) {
    // Another process may take the free port first: then the server ends
    // at once, and another port is tried.
    std::string output;
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = free_port();
        Command command;
        command.argv = {program, "--port", std::to_string(m_port), "--interface", "127.0.0.1", "--quiet"};
        command.argv.insert(command.argv.end(), options.begin(), options.end());
        command.argv.push_back(db_folder);
        m_child = std::make_unique<Child>(command);
        // Polled, not timed: the hang guard of a test, not a figure.
        for (int poll = 0; poll < 60000 && m_child->running(); ++poll) {
            if (accepts(m_port)) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        output = m_child->wait(1).describe();
    }
    throw std::runtime_error("xapian-tcpsrv did not start serving " + db_folder + ": " + output);
}

void TcpServer::stop() {
    if (!m_child->running()) return;
    m_child->kill(SIGTERM);
    (void)m_child->wait();
}

}  // namespace idx::test
