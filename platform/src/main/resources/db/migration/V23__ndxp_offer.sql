-- Đ6.1.4.c: the city's shared services are offered to ministries and other provinces through
-- NDXP one version at a time. Only an offered version is callable from outside Hanoi; every
-- version starts not offered, so nothing already published becomes reachable by this change.
alter table service_version add column offered_to_ndxp boolean not null default false;
