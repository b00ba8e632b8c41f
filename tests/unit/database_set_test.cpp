#include "common/database_set.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx {
namespace {

struct SpecCase {
    const char* name;
    std::string text;
    DatabaseSpec expected;
};

class ParseDatabaseSpec : public ::testing::TestWithParam<SpecCase> {};

TEST_P(ParseDatabaseSpec, ReadsAFolderOrATcpRemote) {
    const SpecCase& c = GetParam();
    const DatabaseSpec spec = parse_database_spec(c.text);
    EXPECT_EQ(spec, c.expected);
    EXPECT_EQ(spec.name(), c.text);  // named back as written
}

INSTANTIATE_TEST_SUITE_P(Cases, ParseDatabaseSpec,
                         ::testing::Values(SpecCase{"folder", "db", {"db", "", 0}},
                                           SpecCase{"path_with_colon", "shards/a:b", {"shards/a:b", "", 0}},
                                           SpecCase{
                                               "stub_line_is_a_folder_name", "remote :prog", {"remote :prog", "", 0}},
                                           SpecCase{"name", "tcp:search1:7000", {"", "search1", 7000}},
                                           SpecCase{"ipv4", "tcp:127.0.0.1:1", {"", "127.0.0.1", 1}},
                                           SpecCase{"ipv6", "tcp:[::1]:65535", {"", "::1", 65535}}),
                         test::param_name);

class RefusedDatabaseSpec : public ::testing::TestWithParam<const char*> {};

TEST_P(RefusedDatabaseSpec, IsAUsageError) {
    try {
        (void)parse_database_spec(GetParam());
        FAIL() << GetParam() << " was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ExitCode::usage);
        if (*GetParam() != '\0') {
            EXPECT_NE(std::string(e.what()).find("tcp:HOST:PORT"), std::string::npos) << e.what();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, RefusedDatabaseSpec,
                         ::testing::Values("", "tcp:", "tcp:host", "tcp::7000", "tcp:host:0", "tcp:host:65536",
                                           "tcp:host:7000x", "tcp:host:-1", "tcp:[]:7000"));

TEST(DatabaseSet, NamesItsMembersAndKnowsWhetherOneIsRemote) {
    DatabaseSet set = single_database("a");
    EXPECT_FALSE(set.has_remote());
    EXPECT_EQ(set.connect_timeout_ms, kDefaultConnectTimeoutMs);
    set.members.push_back(parse_database_spec("tcp:h:7"));
    EXPECT_TRUE(set.has_remote());
    EXPECT_EQ(set.name(), "a, tcp:h:7");
}

TEST(DatabaseSet, AnEmptySetOpensNothing) {
    EXPECT_THROW((void)open_database_set(DatabaseSet{}), Error);
}

// A set of a local index with a document and a tcp: member nothing listens on.
struct HalfReachableSet {
    test::TempDir dir{"idx-database-set"};
    DatabaseSet set;
    HalfReachableSet() {
        const std::string db = (dir.path() / "db").string();
        Xapian::WritableDatabase writer(db, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        writer.add_document(Xapian::Document());
        writer.commit();
        set = single_database(db);
        set.members.push_back(parse_database_spec("tcp:127.0.0.1:" + std::to_string(test::free_port())));
    }
};

TEST(DatabaseSet, AMemberThatCannotBeReachedIsNamedUnlessPartialAnswersAreAllowed) {
    HalfReachableSet half;
    try {
        (void)open_live_members(half.set);
        FAIL() << "opened without the remote member";
    } catch (const MemberUnavailable& e) {
        EXPECT_EQ(e.code(), ExitCode::io);
        EXPECT_EQ(e.member(), half.set.members[1]);
        EXPECT_NE(std::string(e.what()).find(half.set.members[1].name()), std::string::npos) << e.what();
    }
    half.set.allow_partial = true;
    const LiveMembers live = open_live_members(half.set);
    EXPECT_EQ(live.db.get_doccount(), 1u);
    EXPECT_EQ(live.missing, std::vector<DatabaseSpec>{half.set.members[1]});
    // The strict opener never leaves a member out, whatever the set allows.
    EXPECT_THROW((void)open_database_set(half.set), MemberUnavailable);
}

TEST(DatabaseSet, APartialSetWithNoMemberLeftIsNoSet) {
    HalfReachableSet half;
    half.set.allow_partial = true;
    half.set.members.front() = half.set.members.back();
    EXPECT_THROW((void)open_live_members(half.set), MemberUnavailable);
}

}  // namespace
}  // namespace idx
