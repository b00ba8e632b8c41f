// Concurrency through the real idx: one writer at a time (the second exits
// 75 at once, or waits with --wait), and searches that never fail while
// `idx add` rebuilds or updates the index under them.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/generated_posts.hpp"
#include "tests/support/index_checks.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::test {
namespace {
namespace fs = std::filesystem;

class Concurrency : public ::testing::Test {
protected:
    Concurrency() : m_db(m_dir / "db") {
        m_big = write_generated_posts(m_dir / "big", 0, 3000, 31);
        m_small = write_generated_posts(m_dir / "small", 5000, 20, 32);
    }

    Command add(const std::string& root, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"add", "--db", m_db, "--json", "-j", "1"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(root);
        Command command = idx_command(IDX_BINARY, std::move(args));
        command.cwd = m_dir.path();
        return command;
    }
    // Starts `idx add` on the big folder and returns once it holds the lock
    // (Xapian creates `flintlock` when it takes it) or has ended.
    std::unique_ptr<Child> start_first_writer() {
        fs::remove_all(m_db);
        auto first = std::make_unique<Child>(add(m_dir / "big"));
        while (!fs::exists(m_db + "/flintlock") && first->running()) std::this_thread::yield();
        return first;
    }

    TempDir m_dir;
    std::string m_db;
    std::vector<std::string> m_big;
    std::vector<std::string> m_small;
};

TEST_F(Concurrency, SecondWriterExits75AtOnceWithASentence) {
    // The lock file exists a moment before the lock is taken, so a try can
    // find the lock still free; such tries are repeated.
    for (int attempt = 0; attempt < 20; ++attempt) {
        const auto first = start_first_writer();
        const Exit second = run(add(m_dir / "small"));
        const bool first_still_running = first->running();
        const Exit first_end = first->wait();
        if (!second.exited(75) || !first_still_running) continue;
        EXPECT_TRUE(first_end.exited(0)) << first_end.describe();
        EXPECT_NE(second.err.find("idx: error: the database " + m_db + " is locked by another `idx add`"),
                  std::string::npos)
            << second.err;
        EXPECT_NE(second.err.find("--wait"), std::string::npos) << second.err;
        EXPECT_EQ(second.out, "");
        EXPECT_EQ(convergence_problems(m_db, m_big), "");  // the second changed nothing
        return;
    }
    FAIL() << "in 20 tries, never ran a second writer while the first held the lock";
}

TEST_F(Concurrency, SecondWriterWaitsWithWaitAndBothFinish) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        const auto first = start_first_writer();
        Child second(add(m_dir / "small", {"--wait"}));
        const Exit first_end = first->wait();
        const Exit second_end = second.wait();
        if (first_end.exited(75)) continue;  // the second took the lock first: try again
        ASSERT_TRUE(first_end.exited(0)) << first_end.describe();
        ASSERT_TRUE(second_end.exited(0)) << second_end.describe();
        // The second ran after the first's commit: it saw all its documents.
        const nlohmann::json summary = nlohmann::json::parse(second_end.out);
        EXPECT_EQ(summary["documents"], m_big.size() + m_small.size()) << summary;
        std::vector<std::string> all = m_big;
        all.insert(all.end(), m_small.begin(), m_small.end());
        EXPECT_EQ(convergence_problems(m_db, all), "");
        EXPECT_EQ(xapian_check_problems(m_db), "");
        return;
    }
    FAIL() << "in 20 tries, the first writer never kept the lock";
}

// Readers count their runs and collect every failure.
struct ReaderTally {
    std::atomic<bool> stop{false};
    std::atomic<int> runs{0};
    std::mutex mutex;
    std::vector<std::string> failures;

    void fail(std::string what) {
        std::lock_guard lock(mutex);
        failures.push_back(std::move(what));
    }
};

// New `idx search`, `idx facets` and `idx stats` processes, one after another.
void run_fresh_readers(const std::string& db, ReaderTally& tally) {
    const std::vector<std::vector<std::string>> commands = {
        {"search", "--db", db, "--json", "river"},
        {"search", "--db", db, "--json", "--sort", "date", "\"river garden\" OR harbour"},
        {"search", "--db", db, "--json", ""},
        {"facets", "--db", db, "--json"},
        {"stats", "--db", db, "--json"},
    };
    for (std::size_t i = 0; !tally.stop; ++i) {
        const Exit reader = run(idx_command(IDX_BINARY, commands[i % commands.size()]));
        ++tally.runs;
        if (!reader.exited(0) || !is_valid_json(reader.out))
            tally.fail("idx " + commands[i % commands.size()][0] + ": " + reader.describe());
    }
}

// One long-lived `idx search --queries-from -`: its database handle falls
// behind every commit and must reopen.
void run_batch_reader(const std::string& db, ReaderTally& tally) {
    Command command = idx_command(IDX_BINARY, {"search", "--db", db, "--queries-from", "-"});
    command.pipe_stdin = true;
    command.pipe_stdout = true;
    Child reader(command);
    const std::string queries[] = {"river", "{\"query\": \"harbour\", \"limit\": 3}", "meadow NEAR bakery",
                                   "{\"query\": \"\"}"};
    for (std::size_t i = 0; !tally.stop; ++i) {
        reader.write_stdin(queries[i % std::size(queries)] + "\n");
        const std::optional<std::string> answer = reader.read_line();
        ++tally.runs;
        if (!answer) {
            reader.close_stdin();
            tally.fail("batch reader ended: " + reader.wait().describe());
            return;
        }
        if (!is_valid_json(*answer) || nlohmann::json::parse(*answer).contains("error") ||
            nlohmann::json::parse(*answer)["total"] == 0)
            tally.fail("batch reader answered: " + answer->substr(0, 500));
    }
    reader.close_stdin();
    const Exit end = reader.wait();
    if (!end.exited(0)) tally.fail("batch reader: " + end.describe());
}

TEST_F(Concurrency, SearchesNeverFailDuringReindexAndIncrementalRuns) {
    const std::vector<std::string> more = write_generated_posts(m_dir / "big", 3000, 1500, 33);
    std::vector<std::string> posts = m_big;
    posts.insert(posts.end(), more.begin(), more.end());
    const std::string config = m_dir / "idx.yaml";
    write_file(config, "title_weight: 5\n");
    const auto writer = [&](std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"add", "--db", m_db, "--config", config};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(m_dir / "big");
        const Exit end = run(idx_command(IDX_BINARY, std::move(args)));
        EXPECT_TRUE(end.exited(0)) << end.describe();
    };
    writer();

    ReaderTally fresh;
    ReaderTally batch;
    std::thread fresh_thread(run_fresh_readers, m_db, std::ref(fresh));
    std::thread batch_thread(run_batch_reader, m_db, std::ref(batch));

    // Full reindexes (a settings change rewrites all 4,500 posts, committing
    // every 2,000), then incremental runs that each commit once.
    for (const char* weight : {"6", "7"}) {
        write_file(config, std::string("title_weight: ") + weight + "\n");
        writer({"-j", "2"});
    }
    std::mt19937 rng(34);
    for (int round = 0; round < 25; ++round) {
        for (int k = 0; k < 20; ++k) {
            const std::string& path = posts[std::uniform_int_distribution<std::size_t>(0, posts.size() - 1)(rng)];
            std::ofstream(path, std::ios::app) << "<p>round " << round << " harbour</p>\n";
        }
        writer();
    }
    fresh.stop = true;
    batch.stop = true;
    fresh_thread.join();
    batch_thread.join();

    std::cout << "fresh reader processes: " << fresh.runs << ", batch queries answered: " << batch.runs << "\n";
    EXPECT_EQ(fresh.failures, std::vector<std::string>());
    EXPECT_EQ(batch.failures, std::vector<std::string>());
    EXPECT_GT(fresh.runs, 10);
    EXPECT_GT(batch.runs, 100);
    EXPECT_EQ(convergence_problems(m_db, posts), "");
}

}  // namespace
}  // namespace idx::test
