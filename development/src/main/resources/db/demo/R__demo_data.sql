-- Demonstration data for development and the default run; production leaves db/demo out
-- of lgsp.flyway.locations. Codes of departments and wards are illustrative.
insert into agency (code, name, english_name, level, parent_code, status, valid_from, valid_to, closure_reason) values
  ('000.00.00.H26', 'Ủy ban nhân dân thành phố Hà Nội', 'Hanoi People''s Committee', 1, null, 'ACTIVE', '2008-08-01', null, null),
  ('000.00.00.G22', 'Văn phòng Chính phủ', 'Government Office', 1, null, 'ACTIVE', '2020-01-01', null, null),
  ('000.00.00.H41', 'Ủy ban nhân dân tỉnh Nghệ An', 'Nghe An People''s Committee', 1, null, 'ACTIVE', '2020-01-01', null, null),
  ('000.00.00.H49', 'Ủy ban nhân dân tỉnh Quảng Ninh', 'Quang Ninh People''s Committee', 1, null, 'ACTIVE', '2020-01-01', null, null),
  ('000.00.12.H26', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology', 2, '000.00.00.H26', 'ACTIVE', '2020-01-01', null, null),
  ('000.00.13.H26', 'Sở Tư pháp', 'Department of Justice', 2, '000.00.00.H26', 'ACTIVE', '2020-01-01', null, null),
  ('000.00.14.H26', 'Sở Tài chính', 'Department of Finance', 2, '000.00.00.H26', 'ACTIVE', '2020-01-01', null, null),
  ('000.00.15.H26', 'Sở Xây dựng', 'Department of Construction', 2, '000.00.00.H26', 'ACTIVE', '2020-01-01', null, null),
  ('000.01.12.H26', 'Trung tâm Chuyển đổi số', 'Digital Transformation Centre', 3, '000.00.12.H26', 'ACTIVE', '2020-01-01', null, null),
  ('000.00.30.H26', 'Ủy ban nhân dân quận Hoàn Kiếm', 'Hoan Kiem District People''s Committee', 2, '000.00.00.H26', 'CLOSED', '2008-08-01', '2025-07-01', 'MERGED'),
  ('000.00.61.H26', 'Ủy ban nhân dân phường Hoàn Kiếm', 'Hoan Kiem Ward People''s Committee', 2, '000.00.00.H26', 'ACTIVE', '2025-07-01', null, null),
  ('000.00.62.H26', 'Ủy ban nhân dân phường Ba Đình', 'Ba Dinh Ward People''s Committee', 2, '000.00.00.H26', 'ACTIVE', '2025-07-01', null, null),
  ('000.00.63.H26', 'Ủy ban nhân dân xã Sóc Sơn', 'Soc Son Commune People''s Committee', 2, '000.00.00.H26', 'ACTIVE', '2025-07-01', null, null),
  -- VNPost sends applications it collected; an enterprise, so level 0 (lgsp.postal.vnpost-agency-code)
  ('000.00.00.G95', 'Tổng công ty Bưu điện Việt Nam', 'Vietnam Post Corporation', 0, null, 'ACTIVE', '2020-01-01', null, null),
  -- (the police, 000.00.00.G01, comes with the published level-1 list; Social Insurance's code is illustrative)
  ('000.00.21.G12', 'Bảo hiểm xã hội Việt Nam', 'Vietnam Social Security', 2, '000.00.00.G12', 'ACTIVE', '2020-01-01', null, null)
on conflict (code) do nothing;

insert into agency_succession (predecessor_code, successor_code, effective_date) values
  ('000.00.30.H26', '000.00.61.H26', '2025-07-01')
on conflict do nothing;

-- administrative units: the published list, loaded by migration 21.1 for every installation
