-- Agency closure (R-06, Đ10.3): a closed body's registrations stay as it filed them; the body
-- that carries them on since the closure is noted beside, so that its clients are found as its own.
alter table registration add column transferred_to varchar(35) references agency (code);
