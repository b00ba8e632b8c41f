// Several databases read as one (issue 13): the project's sample posts, and
// the whenitson corpus when ../shared has it, indexed whole into one
// database and split into four shards (each post in one, dealt round in
// path order). Every reading command must answer the same, byte for byte,
// over one database, the four shards as local folders, and two local plus
// two served by real xapian-tcpsrv processes: the same posts in the same
// order with the same scores, totals, facets, snippets and suggestions.
// One process for the suite, so each corpus is indexed and served once.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <thread>

#include "tests/support/cli_test.hpp"
#include "tests/support/tcp_server.hpp"

namespace idx::test {
namespace {

using Args = std::vector<std::string>;

// The post files under `root`, sorted, hidden ones left out (as idx add's walk does).
std::vector<std::string> post_files(const fs::path& root) {
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        if (it->path().filename().string().front() == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file()) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Whether two JSON numbers are the same score: a set adds up a post's
// weights in another order, which may change the last bits.
bool same_number(const nlohmann::json& a, const nlohmann::json& b) {
    if (!a.is_number_float() && !b.is_number_float()) return a == b;
    const double x = a.get<double>();
    const double y = b.get<double>();
    return std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(y));
}

bool same_json(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) return same_number(a, b);
    if (a.type() != b.type() || a.size() != b.size()) return false;
    if (a.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it)
            if (!b.contains(it.key()) || !same_json(it.value(), b[it.key()])) return false;
        return true;
    }
    if (a.is_array()) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!same_json(a[i], b[i])) return false;
        return true;
    }
    return a == b;
}

// Two outputs of JSON lines (one for a search, one a query for a batch):
// the same, scores to 1e-9.
bool same_answer(const std::string& a, const std::string& b) {
    const std::vector<std::string> left = lines(a);
    const std::vector<std::string> right = lines(b);
    if (left.size() != right.size()) return false;
    for (std::size_t i = 0; i < left.size(); ++i)
        if (!same_json(nlohmann::json::parse(left[i]), nlohmann::json::parse(right[i]))) return false;
    return true;
}

// One corpus indexed whole and as four shards, two of them also served.
class SplitIndex {
public:
    static constexpr int kShards = 4;

    SplitIndex(const fs::path& posts, const std::string& tcpsrv) {
        const std::vector<std::string> files = post_files(posts);
        add(m_dir.db(), files);
        std::vector<std::vector<std::string>> dealt(kShards);
        for (std::size_t i = 0; i < files.size(); ++i) dealt[i % kShards].push_back(files[i]);
        for (int k = 0; k < kShards; ++k) {
            m_shards.push_back((m_dir.dir() / ("shard" + std::to_string(k))).string());
            add(m_shards.back(), dealt[static_cast<std::size_t>(k)]);
        }
        for (std::size_t k = 2; k < m_shards.size(); ++k)
            m_servers.push_back(std::make_unique<TcpServer>(tcpsrv, m_shards[k]));
        // The same posts, split by idx add --shards (by the hash of each path).
        Args sharded{"--shards", std::to_string(kShards)};
        sharded.insert(sharded.end(), files.begin(), files.end());
        add(folder_path(), sharded);
    }

    // `--db` arguments: one database; the four local shards; two local and two remote.
    Args one() const { return {"--db", m_dir.db()}; }
    Args local_shards() const {
        Args out;
        for (const std::string& shard : m_shards) out.insert(out.end(), {"--db", shard});
        return out;
    }
    // The folder idx add --shards keeps: read as its shards.
    std::string folder_path() const { return (m_dir.dir() / "sharded").string(); }
    Args sharded_folder() const { return {"--db", folder_path()}; }
    Args mixed_shards() const {
        return {"--db", m_shards[0], "--db", m_shards[1], "--db", m_servers[0]->spec(), "--db", m_servers[1]->spec()};
    }
    const std::vector<std::string>& shards() const { return m_shards; }
    TcpServer& server(std::size_t i) { return *m_servers[i]; }
    const CliFolder& dir() const { return m_dir; }

    // `idx COMMAND` over `databases` with `args`.
    Exit run(const std::string& command, const Args& databases, const Args& args, Command how = {}) const {
        Args all{command};
        all.insert(all.end(), databases.begin(), databases.end());
        all.insert(all.end(), args.begin(), args.end());
        how.cwd = m_dir.dir();
        how.home = m_dir.dir() / "home";
        return m_dir.idx(all, how);
    }

    // The answer over one database, and the same answer required of both sets.
    void expect_same(const std::string& command, const Args& args, Command how = {}) const {
        std::string shown = command;
        for (const std::string& a : args) shown += " " + a;
        const Exit whole = run(command, one(), args, how);
        ASSERT_TRUE(whole.exited(0) || whole.exited(1)) << shown << ": " << whole.describe();
        for (const Args& set : {local_shards(), mixed_shards()}) {
            const Exit split = run(command, set, args, how);
            EXPECT_EQ(split.code, whole.code) << shown << ": " << split.describe();
            EXPECT_TRUE(same_answer(split.out, whole.out))
                << shown << " over " << set.size() / 2 << " shards"
                << (set == mixed_shards() ? ", two remote" : ", all local") << "\n"
                << split.out << "\n"
                << whole.out;
        }
    }

    // Each query with each variant as one --queries-from batch, answered
    // over one database and over the sharded folder: one process each.
    void expect_same_batch(const std::vector<Args>& queries, const std::vector<Args>& variants) const {
        std::string text;
        for (const Args& query : queries)
            for (const Args& variant : variants) text += batch_line(query, variant) + "\n";
        Command batch;
        batch.stdin_text = text;
        const Args args{"--json", "--queries-from", "-"};
        const Exit whole = run("search", one(), args, batch);
        ASSERT_TRUE(whole.exited(0)) << whole.describe();
        const Exit split = run("search", sharded_folder(), args, batch);
        ASSERT_TRUE(split.exited(0)) << split.describe();
        const std::vector<std::string> left = lines(whole.out);
        const std::vector<std::string> right = lines(split.out);
        const std::vector<std::string> asked = lines(text);
        ASSERT_EQ(left.size(), asked.size());
        ASSERT_EQ(right.size(), asked.size());
        for (std::size_t i = 0; i < asked.size(); ++i)
            EXPECT_TRUE(same_json(nlohmann::json::parse(right[i]), nlohmann::json::parse(left[i])))
                << asked[i] << " over the sharded folder\n"
                << right[i] << "\n"
                << left[i];
    }

    // A query and a variant's options as one --queries-from line.
    static std::string batch_line(const Args& query, const Args& variant) {
        nlohmann::json line;
        std::string text;
        for (const std::string& word : query) text += (text.empty() ? "" : " ") + word;
        line["query"] = text;
        for (std::size_t i = 0; i + 1 < variant.size(); i += 2) {
            std::string key = variant[i].substr(2);
            std::replace(key.begin(), key.end(), '-', '_');
            const std::string& value = variant[i + 1];
            if (key == "limit" || key == "offset" || key == "facet_limit")
                line[key] = std::stoi(value);
            else if (key == "author" || key == "category" || key == "tag" || key == "lang")
                line[key].push_back(value);
            else
                line[key] = value;
        }
        return line.dump();
    }

    // expect_same() for `idx search --json` with each query and each variant.
    void expect_same_searches(const std::vector<Args>& queries, const std::vector<Args>& variants) const {
        for (const Args& query : queries) {
            for (const Args& variant : variants) {
                Args args{"--json"};
                args.insert(args.end(), query.begin(), query.end());
                args.insert(args.end(), variant.begin(), variant.end());
                expect_same("search", args);
            }
        }
    }

private:
    void add(const std::string& db, const std::vector<std::string>& files) const {
        Args args{"add", "--db", db};
        args.insert(args.end(), files.begin(), files.end());
        const Exit r = m_dir.idx(args);
        if (!r.exited(0)) throw std::runtime_error("idx add into " + db + ": " + r.describe());
    }

    CliFolder m_dir;
    std::vector<std::string> m_shards;
    std::vector<std::unique_ptr<TcpServer>> m_servers;
};

// Each query as `idx search --json` takes it, over every combination below.
const std::vector<Args> kSampleQueries = {
    {"garden"},
    {"the"},
    {"river", "cleanup"},
    {"\"open data\""},
    {"festival", "AND", "lantern"},
    {"notes", "OR", "coast"},
    {"harbour", "NOT", "storm"},
    {"volunteers", "river", "cleanup", "geneva", "talks", "open", "data"},  // long: feedback
    {"gardn"},                                                              // misspelt
    {"ceasfire", "talks"},                                                  // misspelt, with company
    {"lanturn"},
    {"year:2016"},
    {"category:events", "OR", "tag:beans"},
    {"author:\"Priya Natarajan\""},
    {"title:garden"},
    {"gard*"},
    {},  // every post
};

const std::vector<Args> kSampleVariants = {
    {},
    {"--sort", "newest"},
    {"--sort", "oldest"},
    {"--match", "all"},
    {"--limit", "2"},
    {"--limit", "3", "--offset", "2"},
    {"--offset", "5"},
    {"--author", "Priya Natarajan"},
    {"--author", "Staff Writer", "--author", "Sam Okafor"},
    {"--category", "events"},
    {"--tag", "open data"},
    {"--lang", "en"},
    {"--since", "2016-04", "--until", "2016-06"},
    {"--since", "2016-05-20"},
    {"--facet-limit", "2", "--sort", "oldest", "--limit", "4"},
};

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

// A suite over one corpus, split and served once for all its tests; each
// test skips, saying why, when the corpus or xapian-tcpsrv is absent.
template <typename Corpus>
class SplitSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const auto tcpsrv = xapian_tcpsrv_program();
        if (!tcpsrv)
            s_skip = "xapian-tcpsrv is absent (Debian: apt install xapian-tools)";
        else if (kSanitized && Corpus::kLarge)
            s_skip =
                "a large corpus is compared in the build without sanitizers only (under ASan it took 6 of CI's "
                "30 minutes; the sample posts take the same code paths)";
        else if (!fs::is_directory(Corpus::posts()))
            s_skip = "the corpus is absent: " + Corpus::posts().string();
        else
            s_split = new SplitIndex(Corpus::posts(), *tcpsrv);
        if (!s_split) std::cout << s_skip << ": skipping\n";
    }
    static void TearDownTestSuite() {
        delete s_split;
        s_split = nullptr;
    }
    void SetUp() override {
        if (s_split == nullptr) GTEST_SKIP() << s_skip;
    }

    static inline SplitIndex* s_split = nullptr;
    static inline std::string s_skip;
};

struct SamplePosts {
    static constexpr bool kLarge = false;
    static fs::path posts() { return IDX_SAMPLE_POSTS; }
};
// The whenitson corpus, when ../shared has it: 4,374 posts, more ties and
// more facet values than the sample.
struct WhenitsonPosts {
    static constexpr bool kLarge = true;
    static fs::path posts() { return fs::path(IDX_SHARED_DIR) / "corpus" / "whenitson" / "_posts"; }
};

using Shards = SplitSuite<SamplePosts>;
using WhenitsonShards = SplitSuite<WhenitsonPosts>;

TEST_F(Shards, EachShardHoldsSomePostsAndTheSetAllOfThem) {
    const Exit whole = s_split->run("stats", s_split->one(), {"--json"});
    ASSERT_TRUE(whole.exited(0)) << whole.describe();
    const auto documents = nlohmann::json::parse(whole.out)["documents"].get<int>();
    EXPECT_GE(documents, 8);
    int sum = 0;
    for (const std::string& shard : s_split->shards()) {
        const Exit one = s_split->run("stats", {"--db", shard}, {"--json"});
        const int part = nlohmann::json::parse(one.out)["documents"].get<int>();
        EXPECT_GT(part, 0) << shard;
        sum += part;
    }
    EXPECT_EQ(sum, documents);
    for (const Args& set : {s_split->local_shards(), s_split->mixed_shards()}) {
        const Exit stats = s_split->run("stats", set, {"--json"});
        ASSERT_TRUE(stats.exited(0)) << stats.describe();
        const auto json = nlohmann::json::parse(stats.out);
        EXPECT_EQ(json["documents"], documents);
        EXPECT_EQ(json["spelling_words"], nlohmann::json::parse(whole.out)["spelling_words"]);
    }
}

TEST_F(Shards, SearchesAnswerAsOneDatabase) {
    s_split->expect_same_searches(kSampleQueries, kSampleVariants);
}

TEST_F(Shards, AShardedFolderAnswersAsOneDatabase) {
    s_split->expect_same_batch(kSampleQueries, kSampleVariants);
    for (const std::string command : {"facets", "stats"}) {
        const Exit whole = s_split->run(command, s_split->one(), {"--json"});
        const Exit split = s_split->run(command, s_split->sharded_folder(), {"--json"});
        ASSERT_TRUE(split.exited(0)) << split.describe();
        auto left = nlohmann::json::parse(whole.out);
        auto right = nlohmann::json::parse(split.out);
        if (command == "stats") {  // where it is, its size and its last run differ by nature
            for (const char* key : {"database", "bytes", "last_run", "failures", "failure_count"}) {
                left.erase(key);
                right.erase(key);
            }
        }
        EXPECT_TRUE(same_json(right, left)) << command << "\n" << split.out << "\n" << whole.out;
    }
}

TEST_F(Shards, TheQueriesReallyDifferAndSuggest) {
    // The comparison above is worth something only if its answers do: a
    // suggestion, several hits with snippets, and facets.
    const Exit misspelt = s_split->run("search", s_split->mixed_shards(), {"--json", "gardn"});
    EXPECT_EQ(nlohmann::json::parse(misspelt.out)["corrected_query"], "garden") << misspelt.out;
    const Exit every = s_split->run("search", s_split->mixed_shards(), {"--json"});
    const auto json = nlohmann::json::parse(every.out);
    EXPECT_GE(json["results"].size(), 5u);
    EXPECT_GE(json["facets"]["author"].size(), 3u);
}

TEST_F(Shards, FacetsAndBatchAnswerAsOneDatabase) {
    for (const Args& query : kSampleQueries) {
        Args args{"--json"};
        args.insert(args.end(), query.begin(), query.end());
        s_split->expect_same("facets", args);
    }
    Command batch;
    batch.stdin_text =
        "{\"query\": \"garden\"}\n{\"query\": \"gardn\", \"limit\": 2}\n{\"query\": \"the\", \"offset\": 3}\n"
        "{\"query\": \"notes\", \"sort\": \"oldest\", \"category\": [\"events\", \"Coast Walks\"]}\n";
    s_split->expect_same("search", {"--json", "--queries-from", "-"}, batch);
}

TEST_F(Shards, AnUnreachableShardIsAnInputOutputErrorNamingIt) {
    const std::string nowhere = "tcp:127.0.0.1:" + std::to_string(free_port());
    Args set = s_split->local_shards();
    set.insert(set.end(), {"--db", nowhere, "--connect-timeout", "0.5"});
    const Exit r = s_split->run("search", set, {"garden"});
    EXPECT_TRUE(r.exited(74)) << r.describe();
    EXPECT_NE(r.err.find(nowhere), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST_F(Shards, ABatchOutlivesTheServersIdleTimeout) {
    // xapian-tcpsrv closes a connection idle for --idle-timeout; the next
    // call fails with a broken pipe and reopen() does not connect again:
    // the Searcher must. The pause is a wait past that timeout, not a figure.
    TcpServer brief(*xapian_tcpsrv_program(), s_split->shards()[3], {"--idle-timeout", "100"});
    Command how;
    how.pipe_stdin = true;
    how.pipe_stdout = true;
    how.cwd = s_split->dir().dir();
    how.home = s_split->dir().dir() / "home";
    how.argv = {IDX_BINARY,
                "search",
                "--json",
                "--db",
                s_split->shards()[0],
                "--db",
                s_split->shards()[1],
                "--db",
                s_split->server(0).spec(),
                "--db",
                brief.spec(),
                "--queries-from",
                "-"};
    Child batch(how);
    const Exit whole = s_split->run("search", s_split->one(), {"--json", "garden"});
    for (int round = 0; round < 2; ++round) {
        batch.write_stdin("{\"query\": \"garden\"}\n");
        const std::optional<std::string> answer = batch.read_line();
        ASSERT_TRUE(answer.has_value()) << batch.stderr_text();
        EXPECT_TRUE(same_answer(*answer + "\n", whole.out)) << *answer;
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
    }
    batch.close_stdin();
    const Exit end = batch.wait();
    EXPECT_TRUE(end.exited(0)) << end.describe();
}

TEST_F(Shards, WritersRefuseASetOrARemoteDatabase) {
    const Exit two = s_split->run("add", s_split->local_shards(), {IDX_SAMPLE_POSTS});
    EXPECT_TRUE(two.exited(2)) << two.describe();
    EXPECT_NE(two.err.find("changes one database"), std::string::npos) << two.err;
    const Exit remote = s_split->run("rm", {"--db", s_split->server(0).spec()}, {"x.md"});
    EXPECT_TRUE(remote.exited(2)) << remote.describe();
    EXPECT_NE(remote.err.find(s_split->server(0).spec()), std::string::npos) << remote.err;
}

TEST_F(Shards, ASpecWithoutAPortIsAUsageError) {
    const Exit r = s_split->run("search", {"--db", "tcp:127.0.0.1"}, {"garden"});
    EXPECT_TRUE(r.exited(2)) << r.describe();
    EXPECT_NE(r.err.find("tcp:HOST:PORT"), std::string::npos) << r.err;
}

TEST_F(WhenitsonShards, SearchesAnswerAsOneDatabase) {
    const std::vector<Args> queries = {
        {"Kerry", "Lavrov"},
        {"syria", "ceasefire"},
        {"\"security council\""},
        {"Kery"},
        {"obama", "AND", "putin"},
        {"election"},
        {"year:2016"},
        {},
    };
    const std::vector<Args> variants = {
        {},
        {"--sort", "newest"},
        {"--sort", "oldest", "--offset", "10"},
        {"--limit", "20", "--offset", "7"},
        {"--since", "2016-03", "--until", "2016-05"},
    };
    s_split->expect_same_searches(queries, variants);
    s_split->expect_same_batch(queries, variants);
}

}  // namespace
}  // namespace idx::test
