#include "tests/support/loopback_server.hpp"

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

std::vector<std::string> with_port(std::vector<std::string> argv, int port) {
    for (std::string& arg : argv)
        for (std::size_t at = arg.find("{port}"); at != std::string::npos; at = arg.find("{port}"))
            arg.replace(at, 6, std::to_string(port));
    return argv;
}

}  // namespace

std::optional<std::string> program_on_path(std::string_view name) {
    const char* path = std::getenv("PATH");
    const std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::filesystem::path candidate = std::filesystem::path(dirs.substr(start, end - start)) / name;
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

bool LoopbackServer::start(const std::vector<std::string>& argv, std::string& output) {
    Command command;
    command.argv = with_port(argv, m_port);
    command.own_process_group = true;
    m_child = std::make_unique<Child>(command);
    // Polled, not timed: the hang guard of a test, not a figure.
    for (int poll = 0; poll < 60000 && m_child->running(); ++poll) {
        if (accepts(m_port)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    output = m_child->wait(1).describe();
    return false;
}

LoopbackServer::LoopbackServer(std::vector<std::string> argv) {
    std::string output;
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = free_port();
        if (start(argv, output)) return;
    }
    throw std::runtime_error(argv.front() + " did not start: " + output);
}

LoopbackServer::LoopbackServer(std::vector<std::string> argv, int port) : m_port(port) {
    std::string output;
    if (!start(argv, output))
        throw std::runtime_error(argv.front() + " did not start on port " + std::to_string(port) + ": " + output);
}

void LoopbackServer::stop() {
    if (!m_child || !m_child->running()) return;
    m_child->kill(SIGTERM);
    (void)m_child->wait();
}

}  // namespace idx::test
