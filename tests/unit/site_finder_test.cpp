#include "indexer/site_finder.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::indexer {
namespace {

namespace fs = std::filesystem;

class FindSite : public ::testing::Test {
protected:
    std::string write(const std::string& relative, const std::string& content) {
        const fs::path full = m_dir / relative;
        fs::create_directories(full.parent_path());
        std::ofstream(full, std::ios::binary) << content;
        return full.string();
    }
    std::string path(const std::string& relative = "") const {
        return relative.empty() ? m_dir.path().string() : (m_dir / relative).string();
    }
    test::TempDir m_dir{"idx-site-finder"};
};

TEST_F(FindSite, TheIndexedFolderItself) {
    write("site/_config.yml", "url: https://a.org\npermalink: pretty\n");
    write("site/_posts/2024-01-02-x.md", "---\n---\n");
    const Site site = find_site(path("site"), {});
    EXPECT_EQ(site.root, path("site"));
    EXPECT_EQ(site.config_file, path("site/_config.yml"));
    EXPECT_EQ(site.config.url, "https://a.org");
    EXPECT_EQ(site.config.permalink, "pretty");
}

TEST_F(FindSite, AFolderOrFileInsideASite) {
    write("site/_config.yml", "baseurl: /blog\n");
    const std::string post = write("site/en/news/_posts/2024-01-02-x.md", "---\n---\n");
    for (const std::string& indexed : {path("site/en/news/_posts"), path("site/en"), post}) {
        const Site site = find_site(indexed, {});
        EXPECT_EQ(site.root, path("site")) << indexed;
        EXPECT_EQ(site.config.baseurl, "/blog") << indexed;
    }
}

TEST_F(FindSite, TheNearestConfigWinsAndYmlBeforeYaml) {
    write("outer/_config.yml", "lang: en\n");
    write("outer/inner/_config.yaml", "lang: fr\n");
    write("outer/inner/_posts/2024-01-02-x.md", "---\n---\n");
    EXPECT_EQ(find_site(path("outer/inner/_posts"), {}).config.lang, "fr");
    write("outer/inner/_config.yml", "lang: de\n");
    EXPECT_EQ(find_site(path("outer/inner/_posts"), {}).config.lang, "de");
}

TEST_F(FindSite, NoConfigMeansTheIndexedFolderWithDefaults) {
    const std::string post = write("posts/2024-01-02-x.md", "---\n---\n");
    // The temporary folder's ancestors hold no _config.yml on a sane machine;
    // jekyll_config: false makes the test independent of that.
    SiteOverrides overrides;
    overrides.read_jekyll_config = false;
    overrides.url = "https://b.org/";
    const Site site = find_site(path("posts"), overrides);
    EXPECT_EQ(site.root, path("posts"));
    EXPECT_EQ(site.config_file, "");
    EXPECT_EQ(site.config.url, "https://b.org");
    EXPECT_EQ(site.config.permalink, "date");
    EXPECT_EQ(find_site(post, overrides).root, path("posts"));
}

TEST_F(FindSite, WithoutConfigAPostsFolderBelongsToTheFolderAboveIt) {
    const std::string post = write("blog/news/_posts/2024/2024-01-02-x.md", "---\n---\n");
    write("blog/_drafts/d.md", "---\n---\n");
    SiteOverrides overrides;
    overrides.read_jekyll_config = false;
    EXPECT_EQ(find_site(path("blog/news/_posts"), overrides).root, path("blog/news"));
    EXPECT_EQ(find_site(path("blog/news/_posts/2024"), overrides).root, path("blog/news"));
    EXPECT_EQ(find_site(post, overrides).root, path("blog/news"));
    EXPECT_EQ(find_site(path("blog/_drafts"), overrides).root, path("blog"));
    EXPECT_EQ(find_site(path("blog"), overrides).root, path("blog"));
}

TEST_F(FindSite, JekyllConfigFalseIgnoresTheFile) {
    write("site/_config.yml", "url: https://a.org\n");
    SiteOverrides overrides;
    overrides.read_jekyll_config = false;
    const Site site = find_site(path("site"), overrides);
    EXPECT_EQ(site.config_file, "");
    EXPECT_EQ(site.config.url, "");
}

TEST_F(FindSite, IdxYamlOverridesTheConfig) {
    write("site/_config.yml", "url: https://a.org\npermalink: pretty\n");
    SiteOverrides overrides;
    overrides.permalink = "/:title/";
    const Site site = find_site(path("site"), overrides);
    EXPECT_EQ(site.config.url, "https://a.org");
    EXPECT_EQ(site.config.permalink, "/:title/");
}

TEST_F(FindSite, BrokenConfigIsAnErrorNamingTheFile) {
    write("site/_config.yml", "url: [unclosed\n");
    try {
        find_site(path("site"), {});
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(path("site/_config.yml")), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace idx::indexer
