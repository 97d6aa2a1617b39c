-- Demonstration services and one grant, for development and the default run; production
-- leaves db/demo out of lgsp.flyway.locations. Base URLs are illustrative.
--
-- Flyway runs repeatable migrations in order of description, so this file runs before
-- R__demo_data on a fresh database: it brings the agencies it names itself, with the same
-- values as R__demo_data, and whichever file comes first inserts them.
insert into agency (code, name, english_name, level, parent_code, status, valid_from) values
  ('000.00.00.H26', 'Ủy ban nhân dân thành phố Hà Nội', 'Hanoi People''s Committee', 1, null, 'ACTIVE', '2008-08-01'),
  ('000.00.13.H26', 'Sở Tư pháp', 'Department of Justice', 2, '000.00.00.H26', 'ACTIVE', '2020-01-01'),
  ('000.00.14.H26', 'Sở Tài chính', 'Department of Finance', 2, '000.00.00.H26', 'ACTIVE', '2020-01-01'),
  ('000.00.15.H26', 'Sở Xây dựng', 'Department of Construction', 2, '000.00.00.H26', 'ACTIVE', '2020-01-01'),
  ('000.00.61.H26', 'Ủy ban nhân dân phường Hoàn Kiếm', 'Hoan Kiem Ward People''s Committee', 2, '000.00.00.H26', 'ACTIVE', '2025-07-01')
on conflict (code) do nothing;

insert into service (code, name, description, provider_code, classification, status, registered_by) values
  ('hotich-tra-cuu', 'Tra cứu thông tin hộ tịch',
   'Tra cứu thông tin khai sinh, kết hôn, khai tử theo số định danh cá nhân từ Cơ sở dữ liệu hộ tịch điện tử của thành phố.',
   '000.00.13.H26', 'PERSONAL_DATA', 'PUBLISHED', 'demo-data'),
  ('ngansach-du-toan', 'Tra cứu dự toán ngân sách',
   'Dự toán và tình hình giao dự toán ngân sách của các đơn vị dự toán thuộc thành phố.',
   '000.00.14.H26', 'INTERNAL', 'DRAFT', 'demo-data'),
  ('giayphep-xay-dung', 'Tra cứu giấy phép xây dựng',
   'Thông tin giấy phép xây dựng đã cấp trên địa bàn thành phố, theo số giấy phép hoặc địa chỉ công trình.',
   '000.00.15.H26', 'PUBLIC', 'TEST', 'demo-data')
on conflict (code) do nothing;

insert into service_version (service_code, version, status, base_url, openapi, openapi_media_type, documents,
                             quality_notes, created_at, published_at) values
  ('hotich-tra-cuu', 'v1', 'PUBLISHED', 'https://hotich.sotuphap.hanoi.gov.vn/api/v1',
   '{"openapi":"3.0.3","info":{"title":"Tra cứu thông tin hộ tịch","version":"v1"},'
   '"paths":{"/khai-sinh":{"get":{"summary":"Tra cứu thông tin khai sinh theo số định danh cá nhân",'
   '"parameters":[{"name":"soDinhDanh","in":"query","required":true,"schema":{"type":"string","pattern":"^[0-9]{12}$"},"example":"001090000001"}],'
   '"responses":{"200":{"description":"code 00: thành công"},"404":{"description":"code 01: không tìm thấy"}}}}}}',
   'application/json',
   '[{"title": "Hướng dẫn kết nối dịch vụ tra cứu hộ tịch", "url": "https://lgsp.hanoi.gov.vn/tai-lieu/hotich-tra-cuu/v1/huong-dan.pdf"}]',
   'Thời gian phản hồi trung bình dưới 500 ms; sẵn sàng 99,5% trong giờ hành chính.',
   '2025-08-01', '2025-09-01'),
  ('ngansach-du-toan', 'v1', 'DRAFT', 'https://ngansach.sotaichinh.hanoi.gov.vn/api/v1', null, null, '[]', null,
   '2025-10-01', null),
  ('giayphep-xay-dung', 'v1', 'TEST', 'https://cpxd.soxaydung.hanoi.gov.vn/api/v1', null, null,
   '[{"title": "Tài liệu đặc tả API giấy phép xây dựng", "url": "https://lgsp.hanoi.gov.vn/tai-lieu/giayphep-xay-dung/v1/dac-ta.pdf"}]',
   null, '2025-10-15', null)
on conflict (service_code, version) do nothing;

-- Hoan Kiem ward looks up civil status records of applicants in production.
insert into access_grant (consumer_code, service_code, version, environment, granted_at, granted_by)
select '000.00.61.H26', 'hotich-tra-cuu', 'v1', 'PRODUCTION', '2025-09-15', 'demo-data'
where not exists (select 1 from access_grant
                  where consumer_code = '000.00.61.H26' and service_code = 'hotich-tra-cuu' and version = 'v1'
                    and environment = 'PRODUCTION')
on conflict do nothing;

-- A database seeded before the example was added gets it too: the portal's Postman collection
-- sends the example, and the simulated register knows that identifier.
update service_version
set openapi = replace(openapi, '"pattern":"^[0-9]{12}$"}}]', '"pattern":"^[0-9]{12}$"},"example":"001090000001"}]')
where service_code = 'hotich-tra-cuu' and version = 'v1' and openapi not like '%"example"%';

-- ... and tries it first in the test environment, with the credential phuonghoankiem-test.
insert into access_grant (consumer_code, service_code, version, environment, granted_at, granted_by)
select '000.00.61.H26', 'hotich-tra-cuu', 'v1', 'TEST', '2025-09-01', 'demo-data'
where not exists (select 1 from access_grant
                  where consumer_code = '000.00.61.H26' and service_code = 'hotich-tra-cuu' and version = 'v1'
                    and environment = 'TEST')
on conflict do nothing;
