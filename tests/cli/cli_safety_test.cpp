// Safety (issue 10), through the real idx: no command opens a Xapian stub
// (which can start a program), a configuration found in the current folder
// cannot point elsewhere, what is printed for a person cannot drive the
// terminal, slips (`idx rm ""`, `--db ""`, a folder for a file) are usage
// errors, idx's own writer lock holds without `flintlock`, a batch reader
// notices a replaced database and a vanished reader, and write errors and
// damaged databases end with their documented exit codes.

#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "tests/support/cli_test.hpp"

namespace idx::test {
namespace {

using nlohmann::json;

bool has_raw_control(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9F)
            return true;                                           // a C1 control
        if (text.compare(i, 3, "\xE2\x80\xAE") == 0) return true;  // RIGHT-TO-LEFT OVERRIDE
    }
    return false;
}

class IdxSafety : public CliTest {
protected:
    // Runs a shell line with $IDX set to the binary (for pipes and redirections).
    Exit shell(const std::string& line) const {
        Command o = options({"/bin/bash", "-c", line});
        o.env.emplace_back("IDX", IDX_BINARY);
        return run(o);
    }
    void add_posts() const {
        write_post(posts() / "2016-02-21-talks.md", "title: Talks resume\ndate: 2016-02-21\n", "ceasefire talks\n");
        write_post(posts() / "2016-03-01-harbour.md", "title: Harbour\ndate: 2016-03-01\n", "harbour ceasefire\n");
        const Exit add = idx({"add", "--db", db(), posts().string()});
        ASSERT_EQ(add.code, 0) << add.err;
    }
};

// --- 1. stubs ------------------------------------------------------------------

TEST_F(IdxSafety, NoCommandOpensAStubFileOrFolder) {
    const fs::path pwned = dir() / "pwned";
    // Xapian splits a program line at spaces, without quotes.
    const std::string program = "remote :/usr/bin/touch " + pwned.string() + "\n";
    write_file(dir() / "stub", program);
    fs::create_directories(dir() / "stubdir");
    write_file(dir() / "stubdir" / "XAPIANDB", program);
    write_file(dir() / "tcpstub", "remote 127.0.0.1:9\n");
    write_file(dir() / "idx.yaml", "db: stub\n");

    Command with_env = options();
    with_env.env = {{"IDX_DB", "stubdir"}};
    const std::vector<std::pair<std::vector<std::string>, Command>> runs = {
        {{"stats"}, options()},  // db: stub in ./idx.yaml
        {{"search", "ceasefire"}, options()},
        {{"facets"}, options()},
        {{"search", "--db", "stubdir", "x"}, options()},  // a stub folder
        {{"stats", "--db", "tcpstub"}, options()},        // a TCP remote
        {{"search", "--queries-from", "-"}, options()},
        {{"stats"}, with_env},
        // The commands that change an existing index open it first too.
        {{"rm", "--db", "stub", "x"}, options()},
        {{"rm", "--db", "stubdir", "x"}, options()},
        {{"roots", "--db", "stub"}, options()},
        {{"roots", "--db", "stubdir", "rm", "x"}, options()},
    };
    for (const auto& [args, o] : runs) {
        const Exit r = idx(args, o);
        EXPECT_EQ(r.code, 2) << args[0] << ": " << r.err;
        EXPECT_NE(r.err.find("stub"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(pwned)) << "idx " << args[0] << " ran the stub's program";
    }
    // A writer never takes a stub file's place either.
    EXPECT_EQ(idx({"add", "--db", "stub", posts().string()}).code, 2);
    EXPECT_EQ(read_file(dir() / "stub"), program);
}

TEST_F(IdxSafety, ConfigInTheCurrentFolderNamesOnlyADatabaseInsideIt) {
    add_posts();
    const std::string outside = (dir().parent_path() / (dir().filename().string() + "-elsewhere")).string();
    const std::string back_in = "../" + dir().filename().string() + "/db";
    for (const std::string& db : {outside, std::string("../elsewhere"), std::string("sub/../../x"), back_in}) {
        write_file(dir() / "idx.yaml", "db: " + db + "\n");
        const Exit r = idx({"stats"});
        EXPECT_EQ(r.code, 2) << db << ": " << r.err;
        EXPECT_NE(r.err.find("outside the current folder"), std::string::npos) << r.err;
    }
    fs::create_directory_symlink(dir().parent_path(), dir() / "up");
    write_file(dir() / "idx.yaml", "db: up/x\n");
    EXPECT_EQ(idx({"stats"}).code, 2);

    // Inside the folder, or trusted explicitly, it is used.
    write_file(dir() / "idx.yaml", "db: db\n");
    EXPECT_EQ(idx({"stats"}).code, 0);
    write_file(dir() / "idx.yaml", "db: " + db() + "\n");
    EXPECT_EQ(idx({"stats"}).code, 0);
    write_file(dir() / "idx.yaml", "db: " + back_in + "\n");
    const Exit trusted = idx({"stats", "--json", "--config", "idx.yaml"});
    EXPECT_EQ(trusted.code, 0) << trusted.err;
}

// --- 3. what a person sees --------------------------------------------------------

TEST_F(IdxSafety, EscapeSequencesInNamesAndFieldsNeverReachTheTerminal) {
    const std::string osc = "\x1b]0;pwned\x07\x1b[2J";
    const fs::path folder = posts() / ("folder" + osc);
    write_post(folder / ("2016-01-01-osc" + osc + ".md"), "title: Plain\ndate: 2016-01-01\n", "oscword\n");
    write_file(folder / "2016-01-02-broken\nfake: error.md", "---\ntitle: [unclosed\n---\nbody\n");
    // YAML escapes give C1 controls (CSI, OSC) and a RIGHT-TO-LEFT OVERRIDE.
    write_post(posts() / "2016-01-03-c1.md",
               R"(title: "T\u009B2J \u202Etxt.exe")"
               "\n"
               R"(author: "A\u009D0;x")"
               "\n"
               R"(tags: ["t\u202Eg"])"
               "\n"
               R"(permalink: "/u\u009Brl/")"
               "\n"
               R"(id: "i\u202Ed")"
               "\ndate: 2016-01-03\n",
               "c1word\n");

    const Exit add = idx({"add", "--db", db(), "--verbose", posts().string()});
    EXPECT_EQ(add.code, 1) << add.err;
    EXPECT_FALSE(has_raw_control(add.err)) << add.err;
    EXPECT_NE(add.err.find("\\x1b]0;pwned\\x07\\x1b[2J"), std::string::npos) << add.err;
    EXPECT_NE(add.err.find("broken\\x0afake: error.md:"), std::string::npos) << add.err;
    for (const std::string& line : lines(add.err)) EXPECT_NE(line.rfind("fake: error.md", 0), 0u) << "a forged line";

    const Exit text = idx({"search", "--db", db(), "oscword OR c1word"});
    EXPECT_EQ(text.code, 0) << text.err;
    EXPECT_FALSE(has_raw_control(text.out)) << text.out;
    EXPECT_NE(text.out.find("\\x1b]0;pwned"), std::string::npos) << text.out;
    const Exit facets = idx({"facets", "--db", db()});
    EXPECT_FALSE(has_raw_control(facets.out)) << facets.out;
    const Exit stats = idx({"stats", "--db", db()});
    EXPECT_FALSE(has_raw_control(stats.out)) << stats.out;

    // JSON keeps names exact; front matter fields lose C1 and bidi controls when indexed.
    const Exit found = idx({"search", "--db", db(), "--json", "oscword OR c1word"});
    const json answer = json::parse(found.out);
    ASSERT_EQ(answer["results"].size(), 2u) << found.out;
    bool exact_path = false;
    for (const json& hit : answer["results"]) {
        exact_path = exact_path || hit["path"].get<std::string>().find(osc) != std::string::npos;
        if (hit["title"] == "Plain") continue;
        EXPECT_EQ(hit["title"], "T 2J txt.exe");
        EXPECT_EQ(hit["author"], "A 0;x");
        EXPECT_EQ(hit["tags"], json::array({"t g"}));
        EXPECT_EQ(hit["url"], "/url/");  // a url has no blanks
        EXPECT_EQ(hit["id"], "i d");
    }
    EXPECT_TRUE(exact_path) << found.out;
}

// --- 4, 11. slips ------------------------------------------------------------------

TEST_F(IdxSafety, RmOfAnEmptyPathIsAUsageErrorAndRemovesNothing) {
    add_posts();
    const Exit rm = idx({"rm", "--db", db(), ""});
    EXPECT_EQ(rm.code, 2) << rm.err;
    EXPECT_NE(rm.err.find("empty path"), std::string::npos) << rm.err;
    EXPECT_EQ(json::parse(idx({"stats", "--db", db(), "--json"}).out)["documents"], 2);
}

TEST_F(IdxSafety, SlipsInLocationsAreRefusedWithASentence) {
    add_posts();
    fs::create_directories(dir() / "notes");
    write_file(dir() / "notes" / "todo.txt", "keep me\n");
    struct Slip {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Slip> slips = {
        {{"add", "--db", "", posts().string()}, "empty"},
        {{"search", "--db", "", "x"}, "empty"},
        {{"add", "--db", (dir() / "notes").string(), posts().string()}, "not an idx database"},
        {{"add", "--db", (posts() / "2016-02-21-talks.md").string(), posts().string()}, "is a file"},
        {{"stats", "--config", dir().string()}, "is a folder"},
        {{"search", "--db", db(), "--queries-from", dir().string()}, "is a folder"},
    };
    for (const Slip& slip : slips) {
        const Exit r = idx(slip.args);
        EXPECT_EQ(r.code, 2) << slip.args[0] << " " << slip.args[1] << ": " << r.err;
        EXPECT_NE(r.err.find(slip.says), std::string::npos) << r.err;
    }
    EXPECT_FALSE(fs::exists(dir() / "home" / ".local")) << "--db \"\" fell back to the default database";
    EXPECT_EQ(fs::directory_iterator(dir() / "notes")->path().filename(), "todo.txt");
    EXPECT_FALSE(fs::exists(dir() / "notes" / "iamglass"));
}

// --- 5. idx's own writer lock -------------------------------------------------------

TEST_F(IdxSafety, SecondWriterIsKeptOutEvenWhenFlintlockIsDeleted) {
    add_posts();
    Child holder(piped({IDX_LOCK_HOLDER, db()}));
    ASSERT_EQ(holder.read_line(), std::optional<std::string>("locked"));
    ASSERT_TRUE(fs::remove(fs::path(db()) / "flintlock"));
    const Exit add = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(add.code, 75) << add.err;
    const Exit rm = idx({"rm", "--db", db(), posts().string()});
    EXPECT_EQ(rm.code, 75) << rm.err;
    holder.close_stdin();
    EXPECT_EQ(holder.wait().code, 0);
    EXPECT_EQ(idx({"add", "--db", db(), posts().string()}).code, 0);
}

// --- 6. a long-lived reader and a replaced database -----------------------------------

TEST_F(IdxSafety, BatchReaderNoticesADatabaseDeletedAndMadeAnew) {
    add_posts();
    Child batch(piped({IDX_BINARY, "search", "--db", db(), "--queries-from", "-"}));
    batch.write_stdin("ceasefire\n");
    const std::optional<std::string> before = batch.read_line();
    ASSERT_TRUE(before);
    EXPECT_EQ(json::parse(*before)["total"], 2) << *before;

    fs::remove_all(db());
    fs::remove_all(posts());
    write_post(posts() / "2017-05-05-new.md", "title: New ceasefire\ndate: 2017-05-05\n", "ceasefire ceasefire\n");
    ASSERT_EQ(idx({"add", "--db", db(), posts().string()}).code, 0);

    batch.write_stdin("ceasefire\n");
    const std::optional<std::string> after = batch.read_line();
    ASSERT_TRUE(after);
    const json answer = json::parse(*after);
    EXPECT_EQ(answer["total"], 1) << *after;
    ASSERT_EQ(answer["results"].size(), 1u) << *after;
    EXPECT_EQ(answer["results"][0]["title"], "New ceasefire") << *after;
    batch.close_stdin();
    EXPECT_EQ(batch.wait().code, 0) << batch.stderr_text();
}

// --- 9. output that cannot be written ------------------------------------------------

TEST_F(IdxSafety, BatchModeEndsWhenItsReaderGoes) {
    add_posts();
    // Without the check, `yes` feeds it for ever and only the timeout ends it (124).
    const Exit r = shell("set -o pipefail; yes ceasefire 2>/dev/null | timeout 60 \"$IDX\" search --db '" + db() +
                         "' --queries-from - | head -c 10 >/dev/null; echo \"${PIPESTATUS[1]}\"");
    EXPECT_EQ(r.out, "0\n") << r.err;
    EXPECT_EQ(r.err, "");
}

TEST_F(IdxSafety, WriteErrorsEndTheCommandWithAMessage) {
    add_posts();
    const std::string db_arg = " --db '" + db() + "'";
    for (const std::string& command :
         {"search" + db_arg + " ceasefire", "search --json" + db_arg + " ceasefire", "facets" + db_arg,
          "stats" + db_arg, "add --json" + db_arg + " '" + posts().string() + "'"}) {
        const Exit full = shell("\"$IDX\" " + command + " >/dev/full");
        EXPECT_EQ(full.code, 74) << command << ": " << full.err;
        EXPECT_NE(full.err.find("idx: error: cannot write the output: No space left on device"), std::string::npos)
            << command << ": " << full.err;
        const Exit closed = shell("\"$IDX\" " + command + " >&-");
        EXPECT_EQ(closed.code, 74) << command << ": " << closed.err;
        EXPECT_NE(closed.err.find("cannot write the output"), std::string::npos) << closed.err;
    }
    const Exit batch = shell("echo ceasefire | \"$IDX\" search" + db_arg + " --queries-from - >/dev/full");
    EXPECT_EQ(batch.code, 74) << batch.err;
    // A reader that stops early is no error.
    const Exit head = shell("set -o pipefail; \"$IDX\" search" + db_arg + " ceasefire | head -c 1 >/dev/null");
    EXPECT_EQ(head.code, 0) << head.err;
    EXPECT_EQ(head.err, "");
}

// --- 10. damaged databases and unexpected metadata --------------------------------------

TEST_F(IdxSafety, DamagedDatabaseIs74WithXapiansReasonForWritersAndReaders) {
    add_posts();
    write_file(fs::path(db()) / "iamglass", "");
    for (const std::vector<std::string>& args : {std::vector<std::string>{"add", "--db", db(), posts().string()},
                                                 {"rm", "--db", db(), posts().string()},
                                                 {"search", "--db", db(), "ceasefire"},
                                                 {"stats", "--db", db()}}) {
        const Exit r = idx(args);
        EXPECT_EQ(r.code, 74) << args[0] << ": " << r.err;
        EXPECT_NE(r.err.find("DatabaseCorruptError"), std::string::npos) << args[0] << ": " << r.err;
    }
}

// The record of the last run is read back by idx stats; anything else in its
// place (the JSON older versions wrote, a truncated record) is left out.
TEST_F(IdxSafety, UnreadableLastRunMetadataIsLeftOutWithoutACrash) {
    add_posts();
    const Exit before = idx({"stats", "--db", db()});
    EXPECT_NE(before.out.find("last run:  "), std::string::npos) << before.out;
    for (const std::string& stored :
         {std::string(R"({"time": 5, "added": "many", "errors": [1]})"), std::string("\x01\x14"
                                                                                     "2016-")}) {
        {
            Xapian::WritableDatabase db(this->db(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
            db.set_metadata("idx:last_run", stored);
            db.commit();
        }
        const Exit stats = idx({"stats", "--db", db()});
        EXPECT_EQ(stats.code, 0) << stats.err;
        EXPECT_EQ(stats.out.find("last run:"), std::string::npos) << stats.out;
        EXPECT_NE(stats.out.find("documents: "), std::string::npos) << stats.out;
        const Exit as_json = idx({"stats", "--db", db(), "--json"});
        EXPECT_EQ(as_json.code, 0) << as_json.err;
        EXPECT_NE(as_json.out.find("\"last_run\":null"), std::string::npos) << as_json.out;
    }
}

}  // namespace
}  // namespace idx::test
