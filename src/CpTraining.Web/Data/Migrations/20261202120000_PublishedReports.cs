using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Published report versions (each a frozen snapshot as jsonb, numbered per report), company managers' consent to
/// share financing needs, share links for people without an account (only the token's hash is stored) and the log
/// of every use of a share link.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202120000_PublishedReports")]
public sealed class PublishedReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE financing_consents (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                company_id uuid NOT NULL,
                given_by character varying(450) NOT NULL,
                given_by_name character varying(200) NOT NULL,
                given_at timestamp with time zone NOT NULL,
                withdrawn_at timestamp with time zone,
                CONSTRAINT pk_financing_consents PRIMARY KEY (id),
                CONSTRAINT fk_financing_consents_companies_company_id FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT,
                CONSTRAINT fk_financing_consents_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE published_reports (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                company_id uuid,
                kind character varying(20) NOT NULL,
                version integer NOT NULL,
                report_date date NOT NULL,
                published_at timestamp with time zone NOT NULL,
                published_by character varying(450) NOT NULL,
                published_by_name character varying(200) NOT NULL,
                snapshot_json jsonb NOT NULL,
                content_hash character varying(64) NOT NULL,
                CONSTRAINT pk_published_reports PRIMARY KEY (id),
                CONSTRAINT fk_published_reports_companies_company_id FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT,
                CONSTRAINT fk_published_reports_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE share_links (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                company_id uuid,
                scope character varying(20) NOT NULL,
                recipient character varying(200) NOT NULL,
                token_hash character(64) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                created_by character varying(450) NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                revoked_at timestamp with time zone,
                revoked_by character varying(450),
                consent_id uuid,
                CONSTRAINT pk_share_links PRIMARY KEY (id),
                CONSTRAINT fk_share_links_companies_company_id FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT,
                CONSTRAINT fk_share_links_financing_consents_consent_id FOREIGN KEY (consent_id) REFERENCES financing_consents (id) ON DELETE RESTRICT,
                CONSTRAINT fk_share_links_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE share_link_accesses (
                id uuid NOT NULL,
                share_link_id uuid NOT NULL,
                at timestamp with time zone NOT NULL,
                outcome character varying(30) NOT NULL,
                ip_address character varying(64),
                user_agent character varying(300),
                CONSTRAINT pk_share_link_accesses PRIMARY KEY (id),
                CONSTRAINT fk_share_link_accesses_share_links_share_link_id FOREIGN KEY (share_link_id) REFERENCES share_links (id) ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("CREATE INDEX ix_financing_consents_company_id ON financing_consents (company_id)");
        migrationBuilder.Sql("CREATE INDEX ix_financing_consents_programme_id_company_id ON financing_consents (programme_id, company_id)");
        migrationBuilder.Sql("CREATE INDEX ix_published_reports_company_id ON published_reports (company_id)");
        migrationBuilder.Sql("CREATE UNIQUE INDEX ix_published_reports_programme_id_company_id_kind_version ON published_reports (programme_id, company_id, kind, version) NULLS NOT DISTINCT");
        migrationBuilder.Sql("CREATE INDEX ix_share_link_accesses_share_link_id_at ON share_link_accesses (share_link_id, at)");
        migrationBuilder.Sql("CREATE INDEX ix_share_links_company_id ON share_links (company_id)");
        migrationBuilder.Sql("CREATE INDEX ix_share_links_consent_id ON share_links (consent_id)");
        migrationBuilder.Sql("CREATE INDEX ix_share_links_programme_id ON share_links (programme_id)");
        migrationBuilder.Sql("CREATE UNIQUE INDEX ix_share_links_token_hash ON share_links (token_hash)");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "share_link_accesses");
        migrationBuilder.DropTable(name: "share_links");
        migrationBuilder.DropTable(name: "financing_consents");
        migrationBuilder.DropTable(name: "published_reports");
    }
}
