-- GET /v1/employees pages a company's employees by id (optionally of one status): these indexes
-- serve that order, so a page reads its 51 rows instead of sorting the whole company (issue 16:
-- 100,000-employee company, p99 746 ms before). (company_id, status, id) replaces (company_id, status).
DROP INDEX "employees_company_id_status_idx";
CREATE INDEX "employees_company_id_id_idx" ON "employees"("company_id", "id");
CREATE INDEX "employees_company_id_status_id_idx" ON "employees"("company_id", "status", "id");
