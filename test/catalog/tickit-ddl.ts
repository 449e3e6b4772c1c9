/**
 * The Getting Started DDL (reference §8.1) of the three TICKIT tables test/helpers/tickit.ts has no
 * data for: users, listing, sales. Verbatim, for tests that inspect metadata.
 */
export const USERS_DDL =
  'create table users(userid integer not null distkey sortkey, username char(8), firstname varchar(30), ' +
  'lastname varchar(30), city varchar(30), state char(2), email varchar(100), phone char(14), ' +
  'likesports boolean, liketheatre boolean, likeconcerts boolean, likejazz boolean, likeclassical boolean, ' +
  'likeopera boolean, likerock boolean, likevegas boolean, likebroadway boolean, likemusicals boolean)';
export const LISTING_DDL =
  'create table listing(listid integer not null distkey, sellerid integer not null, eventid integer not null, ' +
  'dateid smallint not null sortkey, numtickets smallint not null, priceperticket decimal(8,2), ' +
  'totalprice decimal(8,2), listtime timestamp)';
export const SALES_DDL =
  'create table sales(salesid integer not null, listid integer not null distkey, sellerid integer not null, ' +
  'buyerid integer not null, eventid integer not null, dateid smallint not null sortkey, ' +
  'qtysold smallint not null, pricepaid decimal(8,2), commission decimal(8,2), saletime timestamp)';
