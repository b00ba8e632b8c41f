// Several databases read as one (issue 13): the project's sample posts, and
// the whenitson corpus when ../shared has it, indexed whole into one
// database and split into four shards (each post in one, dealt round in
// path order). Every reading command must answer the same, byte for byte,
// over one database, the four shards as local folders, and two local plus
// two served by real xapian-tcpsrv processes: the same posts in the same
// order with the same scores, totals, facets, snippets and suggestions.
// One process for the suite, so each corpus is indexed and served once.

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <iostream>
#include <regex>
#include <thread>

#include "tests/cli/json_schema.hpp"
#include "tests/support/cli_test.hpp"
#include "tests/support/tcp_server.hpp"

namespace idx::test {
namespace {

using Args = std::vector<std::string>;

// The words of a query as idx search takes them from its command line.
std::string joined(const Args& words) {
    std::string out;
    for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
    return out;
}

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
        m_dealt.resize(kShards);
        for (std::size_t i = 0; i < files.size(); ++i) m_dealt[i % kShards].push_back(files[i]);
        for (int k = 0; k < kShards; ++k) {
            m_shards.push_back((m_dir.dir() / ("shard" + std::to_string(k))).string());
            add(m_shards.back(), m_dealt[static_cast<std::size_t>(k)]);
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
    // The mixed set with `last` (a server of shard 3 a test can stop) in place of the second remote.
    Args mixed_with(const TcpServer& last) {
        return {"--db", m_shards[0], "--db", m_shards[1], "--db", m_servers[0]->spec(), "--db", last.spec()};
    }
    // One database of the posts of shards 0 to 2: what a partial answer
    // without shard 3 must equal. Made on first need.
    Args live_three() {
        const std::string db = (m_dir.dir() / "shards012").string();
        if (!fs::exists(db)) {
            std::vector<std::string> files;
            for (std::size_t k = 0; k + 1 < m_dealt.size(); ++k)
                files.insert(files.end(), m_dealt[k].begin(), m_dealt[k].end());
            add(db, files);
        }
        return {"--db", db};
    }
    // `idx search --json --queries-from -` over `databases`, driven a line at a time.
    Command batch(const Args& databases, const Args& extra = {}) const {
        Args argv{IDX_BINARY, "search", "--json", "--queries-from", "-"};
        argv.insert(argv.end(), databases.begin(), databases.end());
        argv.insert(argv.end(), extra.begin(), extra.end());
        Command how = m_dir.piped(argv);
        how.home = m_dir.dir() / "home";
        return how;
    }
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

    // expect_same() for `idx search --json` with each query and each variant:
    // one batch of every query per variant (the variant's options apply to
    // each line), so that a few processes ask hundreds of questions.
    void expect_same_searches(const std::vector<Args>& queries, const std::vector<Args>& variants) const {
        std::string lines;
        for (const Args& query : queries) lines += nlohmann::json{{"query", joined(query)}}.dump() + "\n";
        Command batch;
        batch.stdin_text = lines;
        for (const Args& variant : variants) {
            Args args{"--json", "--queries-from", "-"};
            args.insert(args.end(), variant.begin(), variant.end());
            expect_same("search", args, batch);
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
    std::vector<std::vector<std::string>> m_dealt;  // the post files of each shard
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

// A partial answer's JSON without its two flags, to compare with a whole one.
nlohmann::json without_partial(nlohmann::json answer) {
    answer.erase("partial");
    answer.erase("missing_shards");
    return answer;
}

// One batch line sent, its answer read.
nlohmann::json ask(Child& batch, const std::string& line) {
    batch.write_stdin(line + "\n");
    const std::optional<std::string> answer = batch.read_line();
    if (!answer) return {{"no answer", batch.stderr_text()}};
    return nlohmann::json::parse(*answer);
}

// The first JSON line of an output.
nlohmann::json first_json(const Exit& r) {
    return r.out.empty() ? nlohmann::json() : nlohmann::json::parse(lines(r.out).front());
}

const std::vector<std::string> kFaultQueries = {"garden", "the", "river cleanup", ""};

std::string json_request(const std::string& query) {
    return nlohmann::json{{"query", query}}.dump();
}

// Shard 3 served by a xapian-tcpsrv of the test's own, to stop (by its PID)
// and start again on the port it had; `set` is the mixed set with it.
class StoppableShard {
public:
    explicit StoppableShard(SplitIndex& split)
        : m_split(split),
          m_server(start(0)),
          m_port(m_server->port()),
          m_spec(m_server->spec()),
          m_set(split.mixed_with(*m_server)) {}

    const std::string& spec() const { return m_spec; }
    const Args& set() const { return m_set; }
    // SIGTERM to its PID: xapian-tcpsrv ends its whole group, connections too.
    void stop() { m_server->stop(); }
    void start_again() { m_server = start(m_port); }

private:
    std::unique_ptr<TcpServer> start(int port) const {
        const std::string program = *xapian_tcpsrv_program();
        const std::string& shard = m_split.shards()[3];
        return port == 0 ? std::make_unique<TcpServer>(program, shard)
                         : std::make_unique<TcpServer>(program, shard, port);
    }

    SplitIndex& m_split;
    std::unique_ptr<TcpServer> m_server;
    int m_port;
    std::string m_spec;
    Args m_set;
};

TEST_F(Shards, AShardServerKilledMidSessionIsAnErrorNamingItAndTheSessionGoesOn) {
    // Killed between the batch's open and its next search: that search's
    // connection breaks, the one reconnection finds nothing, and the line
    // gets an error naming the shard. Started again on its port, the next
    // line is whole again, without restarting idx.
    StoppableShard own(*s_split);
    const std::string& spec = own.spec();
    const Args& set = own.set();
    const nlohmann::json whole = first_json(s_split->run("search", s_split->one(), {"--json", "garden"}));
    Child batch(s_split->batch(set));
    EXPECT_TRUE(same_json(ask(batch, json_request("garden")), whole));

    own.stop();
    const nlohmann::json gone = ask(batch, json_request("garden"));
    ASSERT_TRUE(gone.contains("error")) << gone;
    EXPECT_NE(gone["error"].get<std::string>().find(spec), std::string::npos) << gone;
    EXPECT_EQ(gone["query"], "garden");

    const Exit once = s_split->run("search", set, {"garden"});
    EXPECT_TRUE(once.exited(74)) << once.describe();
    EXPECT_NE(once.err.find(spec), std::string::npos) << once.err;
    EXPECT_EQ(once.out, "");
    const Exit facets = s_split->run("facets", set, {"--json"});
    EXPECT_TRUE(facets.exited(74)) << facets.describe();
    EXPECT_NE(facets.err.find(spec), std::string::npos) << facets.err;

    own.start_again();
    EXPECT_TRUE(same_json(ask(batch, json_request("garden")), whole));
    batch.close_stdin();
    const Exit end = batch.wait();
    EXPECT_TRUE(end.exited(74)) << end.describe();  // a line could not be answered
}

TEST_F(Shards, WithAllowPartialTheLiveShardsAnswerFlaggedThenWholeAgain) {
    StoppableShard own(*s_split);
    const std::string& spec = own.spec();
    const Args& set = own.set();
    const Args live = s_split->live_three();
    Child batch(s_split->batch(set, {"--allow-partial"}));
    for (const std::string& query : kFaultQueries) {
        const nlohmann::json answer = ask(batch, json_request(query));
        EXPECT_FALSE(answer.contains("partial")) << answer;
        EXPECT_TRUE(same_json(answer, first_json(s_split->run("search", s_split->one(), {"--json", query})))) << answer;
    }

    own.stop();
    for (const std::string& query : kFaultQueries) {
        const nlohmann::json answer = ask(batch, json_request(query));
        EXPECT_EQ(answer["partial"], true) << answer;
        EXPECT_EQ(answer["missing_shards"], nlohmann::json::array({spec})) << answer;
        EXPECT_EQ(json_schema_v1().problems(answer, "search"), std::vector<std::string>{}) << answer;
        const nlohmann::json expected = first_json(s_split->run("search", live, {"--json", query}));
        EXPECT_TRUE(same_json(without_partial(answer), expected)) << query << "\n" << answer << "\n" << expected;
    }
    // One-shot commands while it is down: JSON flagged, text said on stderr.
    const Exit json = s_split->run("search", set, {"--json", "--allow-partial", "garden"});
    EXPECT_TRUE(json.exited(0)) << json.describe();
    EXPECT_TRUE(
        same_json(without_partial(first_json(json)), first_json(s_split->run("search", live, {"--json", "garden"}))));
    EXPECT_EQ(first_json(json)["missing_shards"], nlohmann::json::array({spec}));
    const Exit facets = s_split->run("facets", set, {"--json", "--allow-partial"});
    EXPECT_TRUE(facets.exited(0)) << facets.describe();
    EXPECT_EQ(first_json(facets)["partial"], true);
    EXPECT_EQ(json_schema_v1().problems(first_json(facets), "facets_result"), std::vector<std::string>{});
    EXPECT_TRUE(same_json(without_partial(first_json(facets)), first_json(s_split->run("facets", live, {"--json"}))));
    const Exit text = s_split->run("search", set, {"--allow-partial", "garden"});
    EXPECT_TRUE(text.exited(0)) << text.describe();
    EXPECT_EQ(text.out, s_split->run("search", live, {"garden"}).out);
    EXPECT_NE(text.err.find("partial answer: 1 of 4 databases does not answer (" + spec + ")"), std::string::npos)
        << text.err;

    own.start_again();
    for (const std::string& query : kFaultQueries) {
        const nlohmann::json answer = ask(batch, json_request(query));
        EXPECT_FALSE(answer.contains("partial")) << answer;
        EXPECT_TRUE(same_json(answer, first_json(s_split->run("search", s_split->one(), {"--json", query})))) << answer;
    }
    batch.close_stdin();
    const Exit end = batch.wait();
    EXPECT_TRUE(end.exited(0)) << end.describe();
}

TEST_F(Shards, WithoutLiveShardsAPartialAnswerIsNoAnswer) {
    StoppableShard own(*s_split);
    const std::string spec = own.spec();
    own.stop();
    const Exit r = s_split->run("search", {"--db", spec, "--db", spec}, {"--allow-partial", "garden"});
    EXPECT_TRUE(r.exited(74)) << r.describe();
    EXPECT_NE(r.err.find(spec), std::string::npos) << r.err;
}

// `idx serve` over a set (its port read from the line it writes at start).
class ServeOver {
public:
    ServeOver(const SplitIndex& split, const Args& set, const Args& extra) : m_child(command(split, set, extra)) {}
    ~ServeOver() {
        m_child.kill(SIGTERM);
        (void)m_child.wait();
    }
    // The port, or 0 when it ended first. A bounded poll of its stderr.
    int port() {
        for (int poll = 0; poll < 30000 && m_child.running(); ++poll) {
            std::smatch m;
            const std::string err = m_child.stderr_text();
            if (std::regex_search(err, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) return std::stoi(m[1]);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return 0;
    }
    std::string err() const { return m_child.stderr_text(); }

private:
    static Command command(const SplitIndex& split, const Args& set, const Args& extra) {
        Args argv{IDX_BINARY, "serve", "--listen", "127.0.0.1:0"};
        argv.insert(argv.end(), set.begin(), set.end());
        argv.insert(argv.end(), extra.begin(), extra.end());
        Command how;
        how.argv = argv;
        how.cwd = split.dir().dir();
        how.home = split.dir().dir() / "home";
        return how;
    }
    Child m_child;
};

struct HttpAnswer {
    int status = 0;
    nlohmann::json body;
};
HttpAnswer get(int port, const std::string& path) {
    httplib::Client client("127.0.0.1", port);
    const httplib::Result res = client.Get(path);
    if (!res) return {};
    return {res->status, nlohmann::json::parse(res->body)};
}

TEST_F(Shards, ServeAnswersAcrossAShardServersDeathAndReturn) {
    StoppableShard own(*s_split);
    const std::string& spec = own.spec();
    const Args& set = own.set();
    ServeOver partial(*s_split, set, {"--allow-partial"});
    ServeOver strict(*s_split, set, {});
    const int partial_port = partial.port();
    const int strict_port = strict.port();
    ASSERT_GT(partial_port, 0) << partial.err();
    ASSERT_GT(strict_port, 0) << strict.err();
    const auto total = [&](const Args& databases) {
        return first_json(s_split->run("search", databases, {"--json", "garden"}))["total"];
    };
    const std::string search = "/api/v1/search?q=garden";
    for (const int http : {partial_port, strict_port}) {
        const HttpAnswer whole = get(http, search);
        EXPECT_EQ(whole.status, 200);
        EXPECT_FALSE(whole.body.contains("partial")) << whole.body;
        EXPECT_EQ(whole.body["total"], total(s_split->one()));
    }

    own.stop();
    const HttpAnswer flagged = get(partial_port, search);
    EXPECT_EQ(flagged.status, 200) << flagged.body;
    EXPECT_EQ(flagged.body["partial"], true) << flagged.body;
    EXPECT_EQ(flagged.body["missing_shards"], nlohmann::json::array({spec}));
    EXPECT_EQ(flagged.body["total"], total(s_split->live_three()));
    const HttpAnswer health = get(partial_port, "/healthz");
    EXPECT_EQ(health.body["missing_shards"], nlohmann::json::array({spec}));
    EXPECT_EQ(json_schema_v1().problems(health.body, "health"), std::vector<std::string>{}) << health.body;
    EXPECT_EQ(json_schema_v1().problems(flagged.body, "search"), std::vector<std::string>{}) << flagged.body;
    const HttpAnswer refused = get(strict_port, search);
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_NE(refused.body["error"]["message"].get<std::string>().find(spec), std::string::npos) << refused.body;
    EXPECT_EQ(get(strict_port, "/healthz").status, 503);

    own.start_again();
    for (const int http : {partial_port, strict_port}) {
        const HttpAnswer again = get(http, search);
        EXPECT_EQ(again.status, 200) << again.body;
        EXPECT_FALSE(again.body.contains("partial")) << again.body;
        EXPECT_EQ(again.body["total"], total(s_split->one()));
        EXPECT_EQ(get(http, "/healthz").status, 200);
    }
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

// Queries made of real titles: the first two words, the first three as a
// phrase, and the longest word with one letter dropped (a typo to suggest for).
std::vector<Args> title_queries(const nlohmann::json& results) {
    std::vector<Args> queries;
    for (const nlohmann::json& result : results) {
        std::vector<std::string> words;
        std::string word;
        for (const char c : result["title"].get<std::string>() + " ") {
            if (std::isalnum(static_cast<unsigned char>(c))) {
                word += c;
            } else if (!word.empty()) {
                words.push_back(word);
                word.clear();
            }
        }
        if (words.size() < 3) continue;
        queries.push_back({words[0], words[1]});
        queries.push_back({"\"" + words[0] + " " + words[1] + " " + words[2] + "\""});
        std::string longest = *std::max_element(words.begin(), words.end(),
                                                [](const auto& a, const auto& b) { return a.size() < b.size(); });
        if (longest.size() >= 6) queries.push_back({longest.erase(longest.size() / 2, 1)});
    }
    return queries;
}

TEST_F(WhenitsonShards, SearchesAnswerAsOneDatabase) {
    std::vector<Args> queries = {
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
    const Exit titles = s_split->run("search", s_split->one(), {"--json", "--sort", "oldest", "--limit", "40"});
    ASSERT_TRUE(titles.exited(0)) << titles.describe();
    const std::vector<Args> more = title_queries(nlohmann::json::parse(titles.out)["results"]);
    EXPECT_GE(more.size(), 100u);
    queries.insert(queries.end(), more.begin(), more.end());
    s_split->expect_same_searches(queries, variants);
    s_split->expect_same_batch(queries, variants);
}

}  // namespace
}  // namespace idx::test
