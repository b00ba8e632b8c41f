// Replicas kept by Xapian's own replication (issue 13): `idx add
// --changesets N` keeps what each commit changed, xapian-replicate copies
// only that, and idx reads the replica folder it keeps, following its switch
// from one copy to the other after a full copy. Real xapian-replicate-server
// and xapian-replicate processes on 127.0.0.1; skipped, saying so, without
// Debian's xapian-tools.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "tests/support/cli_test.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/result_titles.hpp"

namespace idx::test {
namespace {

using nlohmann::json;

// The queries whose answers a replica must give exactly as its master does.
const std::vector<std::string> kQueries = {"", "harbour", "ferry OR lantern", "\"harbour report\"", "harbor"};

class Replica : public CliTest {
protected:
    void SetUp() override {
        server_program = program_on_path("xapian-replicate-server");
        replicate_program = program_on_path("xapian-replicate");
        if (!server_program || !replicate_program)
            GTEST_SKIP() << "xapian-replicate-server and xapian-replicate are not installed (apt-get install "
                            "xapian-tools)";
        fs::create_directories(dir() / "master");
        server.emplace(std::vector<std::string>{*server_program, "--interface", "127.0.0.1", "--port", "{port}",
                                                (dir() / "master").string()});
        post("2017-01-01-harbour.md", "Harbour report", "The harbour was busy; ferries came and went.");
        post("2017-01-02-lantern.md", "Lantern festival", "Lanterns along the harbour wall at night.");
        post("2017-01-03-market.md", "Market day", "Fish and bread at the market.");
    }

    void post(const std::string& name, const std::string& title, const std::string& body) const {
        write_post(posts() / name, "title: " + title + "\ndate: " + name.substr(0, 10) + "\n", body);
    }
    std::string master() const { return (dir() / "master" / "db").string(); }
    std::string replica() const { return (dir() / "replica").string(); }

    void add_to_master() const {
        const Exit r = idx({"add", "--changesets", "10", "--db", master(), posts().string()});
        ASSERT_TRUE(r.exited(0)) << r.describe();
    }
    // One pull by xapian-replicate; what it says it did ("1 copies, 0 changesets").
    std::string replicate(bool full_copy = false) const {
        std::vector<std::string> argv = {
            *replicate_program, "-h", "127.0.0.1", "-p", std::to_string(server->port()), "-m", "db", "-o", "-v"};
        if (full_copy) argv.push_back("-f");
        argv.push_back(replica());
        const Exit r = run(options(argv));
        EXPECT_TRUE(r.exited(0)) << r.describe();
        // "Update complete: 1 copies, 0 changesets, new live database"
        const std::string mark = "Update complete: ";
        const std::size_t at = r.out.find(mark);
        if (at == std::string::npos) return r.out;
        const std::string line = r.out.substr(at + mark.size(), r.out.find('\n', at) - at - mark.size());
        return line.substr(0, line.find(", new live"));
    }
    json search(const std::string& db, const std::string& query) const {
        const Exit r = idx({"search", "--json", "--db", db, "--", query});
        EXPECT_TRUE(r.exited(0) || r.exited(1)) << r.describe();
        return json::parse(r.out);
    }
    void expect_same_answers() const {
        for (const std::string& query : kQueries)
            EXPECT_EQ(search(replica(), query), search(master(), query)) << "query: " << query;
    }

    std::optional<std::string> server_program;
    std::optional<std::string> replicate_program;
    std::optional<LoopbackServer> server;
};

TEST_F(Replica, FollowsEachAddEditAndDeleteThroughChangesetsAndAnswersAsTheMaster) {
    add_to_master();
    EXPECT_EQ(replicate(), "1 copies, 0 changesets");
    expect_same_answers();

    post("2017-01-03-market.md", "Market day", "Fish, bread and a harbour ferry timetable at the market.");
    add_to_master();
    EXPECT_EQ(replicate(), "0 copies, 1 changesets");
    EXPECT_EQ(sorted_titles(search(replica(), "timetable")), Titles{"Market day"});
    expect_same_answers();

    post("2017-01-04-ferry.md", "Ferry news", "A new ferry for the harbour.");
    add_to_master();
    EXPECT_EQ(replicate(), "0 copies, 1 changesets");
    expect_same_answers();

    fs::remove(posts() / "2017-01-02-lantern.md");
    add_to_master();
    EXPECT_EQ(replicate(), "0 copies, 1 changesets");
    EXPECT_EQ(search(replica(), "lantern")["total"], 0);
    expect_same_answers();
}

TEST_F(Replica, AReaderKeepsAnsweringAcrossFullCopiesAndSeesTheNewCopy) {
    add_to_master();
    replicate();
    Child reader(piped({IDX_BINARY, "search", "--db", replica(), "--queries-from", "-", "--no-facets"}));
    const auto ask = [&](const std::string& query) {
        reader.write_stdin(query + "\n");
        const std::optional<std::string> line = reader.read_line();
        EXPECT_TRUE(line.has_value()) << reader.stderr_text();
        return line ? json::parse(*line) : json();
    };
    EXPECT_EQ(ask("harbour")["total"], 2);

    // Each full copy goes to the other folder and deletes the old one, which
    // the reader had open.
    post("2017-01-04-ferry.md", "Ferry news", "A new ferry for the harbour.");
    add_to_master();
    EXPECT_EQ(replicate(true), "1 copies, 0 changesets");
    EXPECT_EQ(ask("harbour")["total"], 3);
    replicate(true);
    EXPECT_EQ(sorted_titles(ask("ferry")), (Titles{"Ferry news", "Harbour report"}));
    reader.close_stdin();
    const Exit end = reader.wait();
    EXPECT_TRUE(end.exited(0)) << end.describe();
}

TEST_F(Replica, IsNeverWrittenToAndSaysWhereToWrite) {
    add_to_master();
    replicate();
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"add", "--db", replica(), posts().string()},
          std::vector<std::string>{"rm", "--db", replica(), (posts() / "2017-01-01-harbour.md").string()}}) {
        const Exit r = idx(args);
        EXPECT_TRUE(r.exited(2)) << r.describe();
        EXPECT_NE(r.err.find(replica() + " is a replica kept by xapian-replicate"), std::string::npos) << r.err;
    }
    expect_same_answers();
}

}  // namespace
}  // namespace idx::test
