// The real `idx serve` process: it says where it listens, answers, and on
// SIGTERM finishes what is under way and exits 0 within 5 s, even with a
// connection kept open by an idle client.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "indexer/sync.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// `idx serve` on a free port (tests/support's Child), its port read from
// the line it writes to stderr at start.
class ServeProcess {
public:
    explicit ServeProcess(const std::vector<std::string>& extra) : m_child(command(extra)) {}

    // The first line of stderr (the address, or the error that ended it).
    std::string first_line() {
        for (const auto end = Clock::now() + std::chrono::seconds(30); Clock::now() < end;) {
            const std::string err = m_child.stderr_text();
            const std::size_t newline = err.find('\n');
            if (newline != std::string::npos) return err.substr(0, newline);
            if (!m_child.running()) return m_child.stderr_text();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return "";
    }
    int port() {
        const std::string line = first_line();
        std::smatch m;
        if (!std::regex_search(line, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) return -1;
        return std::stoi(m[1]);
    }
    void signal(int sig) { m_child.kill(sig); }
    // The exit status, or -1 when it has not exited within `limit`.
    int wait(std::chrono::milliseconds limit) {
        for (const auto end = Clock::now() + limit; Clock::now() < end;) {
            if (!m_child.running()) return m_child.wait().code;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }

private:
    static test::Command command(const std::vector<std::string>& extra) {
        std::vector<std::string> args = {"serve", "--listen", "127.0.0.1:0"};
        args.insert(args.end(), extra.begin(), extra.end());
        return test::idx_command(IDX_BINARY, std::move(args));
    }

    test::Child m_child;
};

class ServeProcessTest : public ::testing::Test {
protected:
    void SetUp() override {
        fs::create_directories(m_dir / "posts");
        std::ofstream(m_dir / "posts" / "2016-01-01-a.md")
            << "---\ntitle: Alpha\ndate: 2016-01-01\n---\nharbour words\n";
        indexer::SyncOptions options;
        options.db_path = db();
        options.roots = {(m_dir / "posts").string()};
        options.jobs = 1;
        (void)indexer::sync(options);
    }
    std::string db() const { return (m_dir / "db").string(); }

    test::TempDir m_dir{"idx-serve-process"};
};

TEST_F(ServeProcessTest, SigtermWithAnIdleKeptAliveConnectionExitsZeroWithinFiveSeconds) {
    ServeProcess serve({"--db", db()});
    const int port = serve.port();
    ASSERT_GT(port, 0);
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    const httplib::Result res = client.Get("/api/v1/search?q=harbour");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    const auto start = Clock::now();
    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait(std::chrono::seconds(5)), 0);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST_F(ServeProcessTest, ARequestUnderWayWhenSigtermComesIsStillAnswered) {
    ServeProcess serve({"--db", db()});
    const int port = serve.port();
    ASSERT_GT(port, 0);
    // Half a request, then SIGTERM, then the rest: the answer must still come.
    const int sock = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    const std::string head = "GET /api/v1/search?q=harbour HTTP/1.1\r\nHost: localhost\r\n";
    ASSERT_EQ(write(sock, head.data(), head.size()), static_cast<ssize_t>(head.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    serve.signal(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_EQ(write(sock, "\r\n", 2), 2);
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = read(sock, buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
    close(sock);
    EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer.substr(0, 200);
    EXPECT_NE(answer.find("\"total\":1"), std::string::npos);
    EXPECT_EQ(serve.wait(std::chrono::seconds(5)), 0);
}

TEST_F(ServeProcessTest, AMissingIndexIsSaidAtStartNotAtTheFirstRequest) {
    ServeProcess serve({"--db", (m_dir / "nothing").string()});
    const std::string line = serve.first_line();
    EXPECT_NE(line.find("there is no index at"), std::string::npos) << line;
    EXPECT_EQ(serve.wait(std::chrono::seconds(5)), 2);
}

TEST_F(ServeProcessTest, ABadListenAddressIsAUsageError) {
    ServeProcess serve({"--db", db(), "--listen", "127.0.0.1:99999"});
    const std::string line = serve.first_line();
    EXPECT_NE(line.find("--listen takes HOST:PORT"), std::string::npos) << line;
    EXPECT_EQ(serve.wait(std::chrono::seconds(5)), 2);
}

}  // namespace
}  // namespace idx::cli
