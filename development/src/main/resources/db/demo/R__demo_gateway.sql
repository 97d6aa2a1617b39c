-- The national information services the gateway reaches through NDXP (Đ6.1.4.a, Đ8.1), and
-- grants of the demo agencies, for development and the default run. Production registers the
-- national services through the catalog API with an NDXP gateway policy; the agency codes of the
-- national bodies here are illustrative.
--
-- Runs after R__demo_catalog and R__demo_data (Flyway orders repeatable migrations by description).
insert into agency (code, name, english_name, level, parent_code, status, valid_from) values
  ('000.00.00.G06', 'Bộ Công an', 'Ministry of Public Security', 1, null, 'ACTIVE', '2020-01-01'),
  ('000.00.00.G11', 'Bộ Tư pháp', 'Ministry of Justice', 1, null, 'ACTIVE', '2020-01-01'),
  ('000.00.00.G12', 'Bộ Tài chính', 'Ministry of Finance', 1, null, 'ACTIVE', '2020-01-01'),
  ('000.00.00.G20', 'Bảo hiểm xã hội Việt Nam', 'Vietnam Social Security', 1, null, 'ACTIVE', '2020-01-01')
on conflict (code) do nothing;

insert into service (code, name, description, provider_code, classification, status, registered_by) values
  ('csdl-dan-cu', 'Tra cứu Cơ sở dữ liệu quốc gia về dân cư',
   'Tra cứu thông tin công dân theo số định danh cá nhân qua Nền tảng trao đổi dữ liệu quốc gia (NDXP).',
   '000.00.00.G06', 'PERSONAL_DATA', 'PUBLISHED', 'demo-data'),
  ('csdl-dang-ky-doanh-nghiep', 'Tra cứu Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp',
   'Tra cứu thông tin doanh nghiệp theo mã số doanh nghiệp qua NDXP.',
   '000.00.00.G12', 'PUBLIC', 'PUBLISHED', 'demo-data'),
  ('csdl-bao-hiem', 'Tra cứu Cơ sở dữ liệu quốc gia về bảo hiểm',
   'Tra cứu quá trình tham gia bảo hiểm xã hội và thẻ bảo hiểm y tế theo mã số BHXH qua NDXP.',
   '000.00.00.G20', 'PERSONAL_DATA', 'PUBLISHED', 'demo-data'),
  ('csdl-van-ban-phap-luat', 'Tra cứu Cơ sở dữ liệu quốc gia về văn bản pháp luật',
   'Tra cứu văn bản quy phạm pháp luật theo số, ký hiệu (dịch vụ SOAP) qua NDXP.',
   '000.00.00.G11', 'PUBLIC', 'PUBLISHED', 'demo-data')
on conflict (code) do nothing;

insert into service_version (service_code, version, status, base_url, documents, created_at, published_at) values
  ('csdl-dan-cu', 'v1', 'PUBLISHED', 'https://ndxp.gov.vn/csdl-dan-cu/1.0', '[]', '2025-07-01', '2025-07-01'),
  ('csdl-dang-ky-doanh-nghiep', 'v1', 'PUBLISHED', 'https://ndxp.gov.vn/csdl-dkdn/1.0', '[]', '2025-07-01', '2025-07-01'),
  ('csdl-bao-hiem', 'v1', 'PUBLISHED', 'https://ndxp.gov.vn/csdl-bhxh/1.0', '[]', '2025-07-01', '2025-07-01'),
  ('csdl-van-ban-phap-luat', 'v1', 'PUBLISHED', 'https://ndxp.gov.vn/csdl-vbpl/1.0', '[]', '2025-07-01', '2025-07-01')
on conflict (service_code, version) do nothing;

insert into gateway_policy (service_code, version, upstream, xroad_service, allowed_content_types, response_transform,
                            subject_locator, updated_by) values
  ('csdl-dan-cu', 'v1', 'NDXP', 'VN:GOV:000.00.00.G06:CSDLQGDC', null, null, 'path:1', 'demo-data'),
  ('csdl-dang-ky-doanh-nghiep', 'v1', 'NDXP', 'VN:GOV:000.00.00.G12:CSDLQGDKDN', null, null, null, 'demo-data'),
  ('csdl-bao-hiem', 'v1', 'NDXP', 'VN:GOV:000.00.00.G20:CSDLQGBH', null, null, 'path:1', 'demo-data'),
  ('csdl-van-ban-phap-luat', 'v1', 'NDXP', 'VN:GOV:000.00.00.G11:CSDLQGVBPL', '{text/xml}',
   '{"select": "Envelope/Body/TraCuuVanBanResponse/VanBan", "as": "vanBan",
     "fields": {"soKyHieu": "SoKyHieu", "trichYeu": "TrichYeu", "coQuanBanHanh": "CoQuanBanHanh",
                "ngayBanHanh": "NgayBanHanh", "tinhTrangHieuLuc": "TinhTrangHieuLuc"},
     "fault": "Envelope/Body/Fault/faultstring"}',
   null, 'demo-data')
on conflict (service_code, version) do nothing;

-- Hoan Kiem ward checks applicants in the population and insurance databases; the departments of
-- justice and of science and technology look up businesses and legal documents.
insert into access_grant (consumer_code, service_code, version, environment, granted_at, granted_by)
select g.consumer, g.service, 'v1', 'PRODUCTION', '2025-09-15', 'demo-data'
from (values ('000.00.61.H26', 'csdl-dan-cu'), ('000.00.61.H26', 'csdl-bao-hiem'),
             ('000.00.61.H26', 'csdl-van-ban-phap-luat'), ('000.00.13.H26', 'csdl-dan-cu'),
             ('000.00.13.H26', 'csdl-van-ban-phap-luat'), ('000.00.12.H26', 'csdl-dang-ky-doanh-nghiep'),
             ('000.00.12.H26', 'csdl-van-ban-phap-luat')) as g (consumer, service)
where not exists (select 1 from access_grant a where a.consumer_code = g.consumer and a.service_code = g.service
                  and a.version = 'v1' and a.environment = 'PRODUCTION' and a.revoked_at is null)
on conflict do nothing;
